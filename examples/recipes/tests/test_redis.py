"""Redis recipes (docs/howto/redis.md). URL parsing runs anywhere; expiry and persistence run
against real redis-server processes that the tests start on loopback, in temporary folders, so
they need the binary (`apt-get install redis-server`; CI installs it) but no running service.
They are skipped, and say why, where the binary is missing."""
import os
import shutil
import subprocess
import time
from pathlib import Path

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from cookbook.redis_recipes import connection

CONF = Path(connection.__file__).parent / "redis-persistence.conf"


# --- docs/howto/redis.md#redis-connection-url -------------------------------------------------
def test_password_with_special_characters_is_encoded():
    url = connection.redis_url(host="redis", password="p@ss#w/rd:1", db=0)
    assert url == "redis://:p%40ss%23w%2Frd%3A1@redis:6379/0"
    kwargs = redis.ConnectionPool.from_url(url).connection_kwargs
    assert (kwargs["host"], kwargs["password"], kwargs["db"]) == ("redis", "p@ss#w/rd:1", 0)


def test_unencoded_hash_breaks_the_url():
    # Without encoding, '#' starts the URL's fragment: "qwerty" is read as the port.
    with pytest.raises(ValueError, match="Port could not be cast to integer value as 'qwerty'"):
        redis.ConnectionPool.from_url("redis://:qwerty#asdfg@10.0.0.5:6379/3")


def test_brackets_in_the_docs_are_not_part_of_the_url():
    # "[:password]" in documentation marks an optional part; typed literally, it breaks the URL.
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6 address"):
        redis.ConnectionPool.from_url("redis://[:secret]@localhost:6379/0")


def test_acl_user_and_tls():
    url = connection.redis_url(host="cache.example.com", port=6380, username="app",
                               password="pw", tls=True, db=1)
    pool = redis.ConnectionPool.from_url(url)
    assert pool.connection_class is redis.SSLConnection
    assert (pool.connection_kwargs["username"], pool.connection_kwargs["db"]) == ("app", 1)


def test_django_and_celery_settings_use_separate_databases(monkeypatch):
    assert connection.CELERY_BROKER_URL.endswith("/1")
    assert connection.CELERY_RESULT_BACKEND.endswith("/2")
    assert connection.CACHES["default"]["LOCATION"].endswith("/0")
    RedisCache(connection.REDIS_URL, {})                # Django's own backend accepts the URL




# --- real redis-server processes ---------------------------------------------------------------


class Server:
    """A throwaway redis-server on loopback, in its own folder."""

    def __init__(self, folder, *args):
        self.port, self.folder, self.args = catalogue.free_port(), folder, args

    def start(self, *extra):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             *self.args, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.client = redis.Redis(port=self.port)
        for _ in range(200):
            try:
                self.client.ping()
                return self.client
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        # SIGTERM is a clean shutdown, like SHUTDOWN: an RDB snapshot if `save` is set, the AOF
        # flushed. (redis-py's shutdown() does the same, but then waits out its reconnection retries.)
        self.proc.terminate()
        self.proc.wait(timeout=10)


needs_redis_server = pytest.mark.skipif(shutil.which("redis-server") is None,
                                        reason="redis-server is not installed")

@pytest.fixture(scope="module")
def r(tmp_path_factory):
    """One throwaway server for the expiry tests."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = Server(tmp_path_factory.mktemp("redis"), "--save", "")
    yield server.start()
    server.stop()


# --- docs/howto/redis.md#redis-expiry -----------------------------------------------------------
def test_ttl_and_what_removes_it(r):
    # --8<-- [start:ttl]
    r.set("session:42", "data", ex=60)          # SET session:42 data EX 60
    assert 58 <= r.ttl("session:42") <= 60       # TTL: seconds left
    r.set("session:42", "new data")              # a plain SET replaces the value AND drops the TTL
    assert r.ttl("session:42") == -1             # -1: exists, never expires
    r.expire("session:42", 30)                   # EXPIRE: give it a TTL again
    r.set("session:42", "newer", keepttl=True)   # SET ... KEEPTTL (Redis 6+) keeps the TTL
    assert 0 < r.ttl("session:42") <= 30
    r.persist("session:42")                      # PERSIST: remove the TTL on purpose
    assert r.ttl("session:42") == -1
    assert r.ttl("no-such-key") == -2            # -2: the key does not exist
    # --8<-- [end:ttl]


def test_key_disappears_after_its_ttl(r):
    r.set("greeting", "hello", px=200)
    assert r.get("greeting") == b"hello"
    deadline = time.monotonic() + 5
    while r.get("greeting") is not None:         # gone once its 200 ms are up
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert r.pttl("greeting") == -2


# --- docs/howto/redis.md#redis-persistence ------------------------------------------------------
@needs_redis_server
def test_appendonly_config_survives_a_crash(tmp_path):
    conf = [line.split("#")[0].split() for line in CONF.read_text().splitlines()]
    options = [f"--{words[0]}" if i == 0 else w for words in conf if words and words[0] != "dir"
               for i, w in enumerate(words)]
    server = Server(tmp_path, *options)
    client = server.start()
    client.set("job:1", "saved")
    time.sleep(1.1)                        # appendfsync everysec: on disk within a second
    server.proc.kill()                     # a crash (SIGKILL): no shutdown, no final snapshot
    server.proc.wait(timeout=10)
    assert server.start().get("job:1") == b"saved"
    server.stop()


@needs_redis_server
def test_turning_on_aof_in_the_config_file_alone_loses_the_data(tmp_path):
    server = Server(tmp_path, "--save", "3600 1", "--appendonly", "no")
    server.start().set("job:1", "saved")
    server.stop()                                          # dump.rdb holds job:1
    assert server.start("--appendonly", "yes").get("job:1") is None   # AOF wins, and it is empty
    server.stop()


@needs_redis_server
def test_turning_on_aof_on_the_live_server_keeps_the_data(tmp_path):
    server = Server(tmp_path, "--save", "3600 1", "--appendonly", "no")
    client = server.start()
    client.set("job:1", "saved")
    # --8<-- [start:switch]
    client.config_set("appendonly", "yes")     # redis-cli CONFIG SET appendonly yes
    # wait until INFO persistence shows aof_rewrite_in_progress:0, then
    # put "appendonly yes" in redis.conf (or: redis-cli CONFIG REWRITE)
    # --8<-- [end:switch]
    for _ in range(100):
        info = client.info("persistence")
        if info["aof_enabled"] and not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]:
            break
        time.sleep(0.05)
    server.stop()
    assert server.start("--appendonly", "yes").get("job:1") == b"saved"
    server.stop()


# --- docs/howto/redis.md#redis-bytes-or-str -----------------------------------------------------
def test_redis_py_returns_bytes_unless_asked_to_decode(r):
    port = r.connection_pool.connection_kwargs["port"]
    # --8<-- [start:decode]
    r.set("job:1:title", "Backend developer")
    assert r.get("job:1:title") == b"Backend developer"          # bytes by default
    assert r.get("job:1:title").decode() == "Backend developer"  # decode one value...

    text = redis.Redis(port=port, decode_responses=True)         # ...or every reply
    # from a URL: redis.Redis.from_url("redis://localhost:6379/0", decode_responses=True)
    assert text.get("job:1:title") == "Backend developer"
    # --8<-- [end:decode]
    text.close()


# --- docs/howto/redis.md#redis-scan-delete -------------------------------------------------------
def test_scan_finds_and_deletes_keys_by_pattern(r):
    r.mset({f"session:{i}": "x" for i in range(500)} | {"job:1": "keep"})
    # --8<-- [start:scan]
    deleted, batch = 0, []
    for key in r.scan_iter(match="session:*", count=1000):   # SCAN, a page at a time: never blocks
        batch.append(key)
        if len(batch) == 500:
            deleted += r.unlink(*batch)                       # UNLINK frees memory in the background
            batch = []
    if batch:
        deleted += r.unlink(*batch)
    # --8<-- [end:scan]
    assert deleted == 500
    assert r.keys("session:*") == [] and r.get("job:1") == b"keep"


# --- docs/troubleshooting/redis.md#redis-cache-keys-not-in-redis ------------------------------
def test_cache_keys_are_prefixed_and_live_in_the_urls_database(r):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    # --8<-- [start:where]
    # python manage.py shell
    from django.core.cache import cache
    print(type(caches["default"]).__name__)   # LocMemCache: Django's default, not Redis
    print(cache.make_key("v"))                # ':1:v': the name to look for in Redis
    # --8<-- [end:where]
    assert type(caches["default"]).__name__ == "LocMemCache"   # no CACHES setting here
    assert cache.make_key("v") == ":1:v"
    port = r.connection_pool.connection_kwargs["port"]
    redis_cache = RedisCache(f"redis://127.0.0.1:{port}/1", {})   # database 1, from the URL
    redis_cache.set("v", "555", 600)
    assert r.keys("*v") == []                                     # redis-cli looks at database 0
    db1 = redis.Redis(port=port, db=1)
    assert db1.keys("*") == [b":1:v"]                            # redis-cli -n 1 --scan
    db1.flushdb()
    db1.close()


# --- docs/howto/redis.md#redis-lock ---------------------------------------------------------------
def test_set_nx_lock_has_one_owner_and_only_the_owner_releases(r):
    from cookbook.redis_recipes import lock

    token = lock.acquire(r, "report")
    assert token is not None
    assert lock.acquire(r, "report") is None                 # a second caller does not get it
    assert 0 < r.pttl("lock:report") <= 30_000               # it expires if the owner dies
    assert lock.release(r, "report", "someone-else") is False
    assert r.get("lock:report") == token.encode()            # a wrong token deletes nothing
    assert lock.release(r, "report", token) is True
    assert lock.acquire(r, "report") is not None             # free again
    r.delete("lock:report")


def test_an_expired_owner_cannot_delete_the_next_owners_lock(r):
    from cookbook.redis_recipes import lock

    slow = lock.acquire(r, "import", ttl_ms=100)             # the job outlives its lock
    deadline = time.monotonic() + 5
    while r.exists("lock:import"):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    fast = lock.acquire(r, "import")                         # another worker takes it
    assert fast is not None
    assert lock.release(r, "import", slow) is False          # a plain DEL would free it here
    assert r.get("lock:import") == fast.encode()
    r.delete("lock:import")


def test_redis_py_lock_runs_the_job_once(r):
    from cookbook.redis_recipes import lock

    holder = r.lock("lock:nightly", timeout=10)
    assert holder.acquire(blocking=False)
    assert lock.run_once(r, "nightly", lambda: "ran") is None   # busy: skipped
    holder.release()
    assert lock.run_once(r, "nightly", lambda: "ran") == "ran"
    assert not r.exists("lock:nightly")                         # released after the job


def test_redis_py_lock_that_times_out_mid_job_is_not_released_twice(r):
    from cookbook.redis_recipes import lock

    def slow_job():
        time.sleep(0.3)                                         # longer than the lock's timeout
        r.set("lock:sync", "another-owner")                     # someone took the free lock
        return "done"

    assert lock.run_once(r, "sync", slow_job, timeout=0.1) == "done"
    assert r.get("lock:sync") == b"another-owner"               # their lock survives
    r.delete("lock:sync")


# --- docs/howto/redis.md#redis-connection-pool ----------------------------------------------------
def connections_named(r, name):
    return [c for c in r.client_list() if c["name"] == name]


def test_one_client_reuses_its_connections(r):
    port = r.connection_pool.connection_kwargs["port"]
    shared = redis.Redis(port=port, client_name="shared")
    for n in range(50):                                  # 50 "requests", one after another
        shared.incr("hits")
    assert len(connections_named(r, "shared")) == 1      # one connection served them all
    shared.close()


def test_a_client_per_request_opens_a_connection_per_request(r):
    port = r.connection_pool.connection_kwargs["port"]
    clients = []
    for n in range(50):
        client = redis.Redis(port=port, client_name="per-request")   # a new pool every time
        client.incr("hits")
        clients.append(client)                           # kept alive, as a long-lived object would be
    assert len(connections_named(r, "per-request")) == 50
    for client in clients:
        client.close()


def test_threads_share_the_pool_up_to_its_ceiling(r):
    from concurrent.futures import ThreadPoolExecutor

    port = r.connection_pool.connection_kwargs["port"]
    assert redis.Redis(port=port).connection_pool.max_connections == 100   # redis-py 8's default
    client = redis.Redis(port=port, client_name="threads", max_connections=4)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: client.blpop(f"empty:{n}", timeout=0.2), range(8)))
    assert 1 <= len(connections_named(r, "threads")) <= 4    # never more than the pool's ceiling
    held = [client.connection_pool.get_connection() for _ in range(4)]
    with pytest.raises(redis.exceptions.MaxConnectionsError, match="Too many connections"):
        client.connection_pool.get_connection()          # a fifth at once: the pool is full
    for connection in held:
        client.connection_pool.release(connection)
    client.close()


def test_the_recipes_client_is_made_once_per_process():
    import importlib

    again = importlib.import_module("cookbook.redis_recipes.connection")
    assert again.redis_client is connection.redis_client          # imports reuse the module
    assert connection.redis_client.connection_pool.max_connections == 20


def test_django_redis_connections_share_one_pool(r, settings):
    port = r.connection_pool.connection_kwargs["port"]
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{port}/0"}}
    # --8<-- [start:django-redis]
    from django_redis import get_redis_connection

    first = get_redis_connection("default")    # the client behind CACHES["default"]
    second = get_redis_connection("default")   # another call, another request...
    assert first.connection_pool is second.connection_pool   # ...the same pool
    # --8<-- [end:django-redis]
    first.set("via-django-redis", 1)
    assert r.get("via-django-redis") == b"1"


# --- docs/tech/celery.md#task-priority -------------------------------------------------------------
def test_redis_broker_keeps_a_list_per_priority_step_and_serves_0_first(r):
    from celery import Celery

    port = r.connection_pool.connection_kwargs["port"]
    app = Celery("prio", broker=f"redis://127.0.0.1:{port}/4", set_as_current=False)
    # --8<-- [start:redis-priority]
    app.conf.broker_transport_options = {
        "queue_order_strategy": "priority",
        "priority_steps": list(range(10)),   # 10 lists per queue instead of 4 (0, 3, 6, 9)
        "sep": ":",                          # name them celery:1 ... celery:9
    }
    # --8<-- [end:redis-priority]
    for n in range(3):
        app.send_task("reports.build", task_id=f"low-{n}", priority=9)
    app.send_task("emails.password_reset", task_id="urgent", priority=0)
    db4 = redis.Redis(port=port, db=4)
    assert db4.llen("celery") == 1 and db4.llen("celery:9") == 3   # priority 0 lives in "celery"
    with app.connection_for_read() as conn:
        queue = conn.SimpleQueue("celery")
        first = queue.get(timeout=2)
        assert first.headers["id"] == "urgent"                     # sent last, served first
        first.ack()
        queue.close()
    db4.flushdb()
    db4.close()


# --- docs/troubleshooting/redis.md#redis-celery-task-meta -------------------------------------------
def test_celery_results_in_redis_expire_after_result_expires(r):
    from datetime import timedelta

    from celery import Celery

    port = r.connection_pool.connection_kwargs["port"]
    results = Celery("results", broker="memory://", set_as_current=False,
                     backend=f"redis://127.0.0.1:{port}/6")
    db6 = redis.Redis(port=port, db=6)
    assert results.conf.result_expires == timedelta(days=1)           # the default
    results.backend.store_result("task-a", 42, "SUCCESS")
    assert 86_390 < db6.ttl("celery-task-meta-task-a") <= 86_400       # one day, as a Redis TTL

    from cookbook.celery_recipes import celery_settings

    results.conf.result_expires = celery_settings.CELERY_RESULT_EXPIRES   # 3600
    results.backend.expires = results.backend.prepare_expires(None)    # (a new app reads it at start)
    results.backend.store_result("task-b", 42, "SUCCESS")
    assert 3590 < db6.ttl("celery-task-meta-task-b") <= 3600

    results.backend.expires = None                                     # CELERY_RESULT_EXPIRES = None
    results.backend.store_result("task-c", 42, "SUCCESS")
    assert db6.ttl("celery-task-meta-task-c") == -1                    # kept for ever
    assert results.backend.supports_autoexpire                         # no celery beat cleanup needed
    db6.flushdb()
    db6.close()
