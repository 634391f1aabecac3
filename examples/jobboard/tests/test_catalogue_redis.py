"""Redis errors from docs/troubleshooting/redis.md, triggered for real (redis-py 8, Redis 7).

Refused connections need no server. The others use the services tier's Redis, or a
throw-away redis-server with a password that this module starts (and stops) itself, so
the shared server's settings are never changed.
"""
import json
import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

from catalogue import assert_reproduces, printed, require_closed

from .conftest import services_requested




def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_redis():
    url = os.environ.get("REDIS_URL")
    if not url:
        if services_requested():
            pytest.fail("services tier requested but REDIS_URL is not set")
        pytest.skip("REDIS_URL is not set; run bin/test-services")
    client = redis.Redis.from_url(url)
    yield client
    client.close()


PASSWORD = "catalogue-secret"


@pytest.fixture(scope="module")
def password_redis(tmp_path_factory):
    """A private redis-server that requires a password (requirepass), on a free port."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    port, folder = free_port(), tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(folder), "--requirepass", PASSWORD],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port, password=PASSWORD)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("redis-server did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_connection_refused_on_localhost():
    # No Redis on this machine's 6379: inside a container, "localhost" is that container.
    require_closed(6379)
    with pytest.raises(redis.ConnectionError) as excinfo:
        redis.Redis.from_url("redis://localhost:6379/0").ping()
    assert_reproduces(printed(excinfo.value), "redis/connection-refused")


def test_unknown_host_name():
    # REDIS_URL=redis://redis:6379/0 outside Compose: the name `redis` exists only there.
    with pytest.raises(redis.ConnectionError) as excinfo:
        redis.Redis.from_url("redis://redis.invalid:6379/0", socket_connect_timeout=5).ping()
    output = printed(excinfo.value)
    if "Temporary failure in name resolution" in output:  # error -3: this machine has no resolver
        pytest.skip("no DNS resolver here, so the lookup cannot give its final answer")
    assert_reproduces(output, "redis/name-not-known")


def test_django_cache_connection_refused():
    from django_redis.cache import RedisCache

    require_closed(6379)
    cache = RedisCache("redis://127.0.0.1:6379/0", {"OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}})
    with pytest.raises(Exception) as excinfo:
        cache.get("jobs:list:hits")
    assert_reproduces(printed(excinfo.value), "redis/django-cache-connection-refused")


@pytest.mark.services
def test_noauth_from_redis_cli(password_redis):
    result = subprocess.run(["redis-cli", "-p", str(password_redis), "GET", "jobs:list:hits"],
                            capture_output=True, text=True, timeout=30)
    assert_reproduces(result.stdout + result.stderr, "redis/noauth")


@pytest.mark.services
def test_no_password_from_redis_py(password_redis):
    # redis-py 8 speaks RESP3 (HELLO) by default, so it does not print NOAUTH.
    with pytest.raises(redis.AuthenticationError) as excinfo:
        redis.Redis(port=password_redis).get("jobs:list:hits")
    assert_reproduces(printed(excinfo.value), "redis/hello-noauth")


@pytest.mark.services
def test_wrong_password(password_redis):
    with pytest.raises(redis.AuthenticationError) as excinfo:
        redis.Redis.from_url(f"redis://:change-me@127.0.0.1:{password_redis}/0").ping()
    assert_reproduces(printed(excinfo.value), "redis/wrongpass")


@pytest.mark.services
def test_oom_maxmemory(password_redis):
    client = redis.Redis(port=password_redis, password=PASSWORD)
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", "1")  # 1 byte: already exceeded by the server's own data
    try:
        with pytest.raises(redis.exceptions.OutOfMemoryError) as excinfo:
            client.set("jobs:list:hits", 1)
    finally:
        client.config_set("maxmemory", "0")
    assert_reproduces(printed(excinfo.value), "redis/oom")


@pytest.mark.services
def test_readonly_replica(password_redis):
    # REPLICAOF turns the server into a replica (of a port where nothing listens): writes are refused.
    client = redis.Redis(port=password_redis, password=PASSWORD)
    client.execute_command("REPLICAOF", "127.0.0.1", str(free_port()))
    try:
        result = subprocess.run(["redis-cli", "-p", str(password_redis), "--no-auth-warning", "-a", PASSWORD,
                                 "SET", "jobs:list:hits", "1"], capture_output=True, text=True, timeout=30)
        with pytest.raises(redis.exceptions.ReadOnlyError) as excinfo:
            client.set("jobs:list:hits", 1)
        assert client.get("jobs:list:hits") is None    # reads still answer
    finally:
        client.execute_command("REPLICAOF", "NO", "ONE")
    assert_reproduces(result.stdout + result.stderr, "redis/readonly")
    assert_reproduces(printed(excinfo.value), "redis/readonly-redis-py")
    assert client.set("jobs:list:hits", 1)              # a primary again: the fix in the entry


@pytest.mark.services
def test_wrongtype(shared_redis):
    key = "catalogue:jobs:list:hits"
    shared_redis.set(key, 1)  # a string (counter)...
    try:
        with pytest.raises(redis.ResponseError) as excinfo:
            shared_redis.lpush(key, "job-1")  # ...used as a list
    finally:
        shared_redis.delete(key)
    assert_reproduces(printed(excinfo.value), "redis/wrongtype")


@pytest.mark.services
def test_timeout_reading_from_socket(shared_redis):
    # A blocking command that outlasts socket_timeout (0.5 s here).
    kwargs = shared_redis.connection_pool.connection_kwargs
    client = redis.Redis(host=kwargs["host"], port=kwargs["port"], socket_timeout=0.5)
    with pytest.raises(redis.TimeoutError) as excinfo:
        client.blpop("catalogue:empty-queue", timeout=5)
    client.close()
    assert_reproduces(printed(excinfo.value), "redis/timeout-reading")


@pytest.mark.services
def test_data_error_dict_value(password_redis):
    # redis-py stores bytes, str, int and float only; a dict must be serialized first.
    client = redis.Redis(port=password_redis, password=PASSWORD)
    with pytest.raises(redis.exceptions.DataError) as excinfo:
        client.set("jobs:1", {"title": "Backend developer"})
    assert_reproduces(printed(excinfo.value), "redis/data-error")
    client.set("jobs:1", json.dumps({"title": "Backend developer"}))    # the fix: JSON text...
    assert json.loads(client.get("jobs:1")) == {"title": "Backend developer"}
    client.hset("jobs:1:hash", mapping={"title": "Backend developer"})  # ...or a hash
    assert client.hgetall("jobs:1:hash") == {b"title": b"Backend developer"}
    client.delete("jobs:1", "jobs:1:hash")


@pytest.mark.services
def test_value_is_not_an_integer(password_redis):
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(f"redis://:{PASSWORD}@127.0.0.1:{password_redis}/0", {})
    cache.set("jobs:views", "0")            # a str: Django's RedisCache pickles it
    with pytest.raises(redis.ResponseError) as excinfo:
        cache.incr("jobs:views")              # INCRBY on pickled bytes
    assert_reproduces(printed(excinfo.value), "redis/not-an-integer")
    cache.set("jobs:views", 0)              # an int is stored as a plain number...
    assert cache.incr("jobs:views") == 1    # ...so INCRBY works
    client = redis.Redis(port=password_redis, password=PASSWORD)
    with pytest.raises(redis.ResponseError) as swapped:
        client.execute_command("SETEX", "jobs:1", "payload", 60)   # old setex(name, value, time) order
    assert_reproduces(printed(swapped.value), "redis/not-an-integer")
    client.delete("jobs:views", "jobs:1")
