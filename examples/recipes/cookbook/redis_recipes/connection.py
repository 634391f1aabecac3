"""Redis connection URLs for Django and Celery, built from the environment."""
import os
from urllib.parse import quote


# --8<-- [start:url]
def redis_url(host="localhost", port=6379, db=0, password="", username="", tls=False):
    """redis://[[username]:password@]host:port/db, with the password percent-encoded."""
    scheme = "rediss" if tls else "redis"       # rediss:// = TLS (cloud Redis)
    auth = ""
    if password:
        auth = f"{quote(username, safe='')}:{quote(password, safe='')}@"
    return f"{scheme}://{auth}{host}:{port}/{db}"


REDIS_URL = os.environ.get("REDIS_URL") or redis_url(
    host=os.environ.get("REDIS_HOST", "localhost"),   # "redis" between Compose services
    password=os.environ.get("REDIS_PASSWORD", ""),
)

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",   # or django.core.cache.backends.redis.RedisCache
        "LOCATION": REDIS_URL,                        # db 0: the cache
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
    }
}
CELERY_BROKER_URL = REDIS_URL.rsplit("/", 1)[0] + "/1"      # db 1: Celery's queues
CELERY_RESULT_BACKEND = REDIS_URL.rsplit("/", 1)[0] + "/2"  # db 2: task results
# --8<-- [end:url]


# --8<-- [start:pool]
import redis  # noqa: E402  (at the top of the module)

# One client for the whole process, made once when this module is first imported.
# The client is thread-safe: each command borrows a connection from the client's pool
# and gives it back, so the same few connections serve every request.
redis_client = redis.Redis.from_url(
    REDIS_URL,
    max_connections=20,        # the pool's ceiling; redis-py 8's default is 100
    socket_connect_timeout=2,  # seconds to open a connection
    socket_timeout=2,          # seconds to wait for a reply
    health_check_interval=30,  # PING a connection idle for 30 s before reusing it
)


def unread_count(user_id):
    # Import redis_client where you need it; never call redis.Redis(...) per request.
    return int(redis_client.get(f"unread:{user_id}") or 0)
# --8<-- [end:pool]
