"""gunicorn settings for a Django app behind nginx (docs/howto/deployment.md).

Run it with:  gunicorn -c gunicorn.conf.py config.wsgi:application
Each value can be changed per environment without editing this file."""
# --8<-- [start:config]
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers serve one request each: about 2 x CPU cores + 1 of them.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# More than 1 thread switches gunicorn to its gthread worker.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that runs longer than this kills its worker (WORKER TIMEOUT). Keep it below
# nginx's proxy_read_timeout (60 s), so gunicorn, not nginx, reports the slow request.
timeout = 30
# On a restart or a deploy, workers get this long to finish the requests they hold.
graceful_timeout = 30
# Idle keep-alive connections (gthread and async workers; sync workers close every connection).
# Longer than the proxy's idle timeout for upstream connections (nginx: 60 s), so the proxy,
# not gunicorn, closes an idle connection, and never sends a request on one gunicorn just closed.
keepalive = 75

# Recycling workers contains a slow memory leak, at a price: see docs/troubleshooting/nginx-gunicorn.md.
# 0 turns it off. When you turn it on, the jitter spreads the restarts so workers never recycle together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

accesslog = "-"   # access log to stdout, where docker logs and kubectl logs read it
# --8<-- [end:config]
