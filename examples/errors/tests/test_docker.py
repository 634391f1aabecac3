"""What the Job Board's clients print when a container's address is wrong (no Docker needed).

Inside a container, `localhost` is the container itself: a client pointed at localhost:6379 gets
the same refusal as here, where nothing listens on the port. A service name that no DNS server
knows (outside Compose's network) fails to resolve the same way it does here.
"""
from __future__ import annotations

import socket
from contextlib import closing

import pytest
from catalogue import assert_reproduces


def closed_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when we return: nothing listens there


def skip_if_resolvable(name: str) -> None:
    """Docker Desktop can add host.docker.internal to the host's own hosts file."""
    try:
        socket.getaddrinfo(name, 5432)
    except socket.gaierror:
        return
    pytest.skip(f"{name} resolves on this machine")


def test_redis_localhost_refused():
    redis = pytest.importorskip("redis")
    port = closed_port()
    with pytest.raises(redis.exceptions.ConnectionError) as info:
        redis.Redis(host="localhost", port=port, socket_connect_timeout=5).ping()
    assert_reproduces(str(info.value).replace(f":{port}.", ":6379."), "docker/redis-localhost-refused")


def test_service_name_not_resolved():
    psycopg = pytest.importorskip("psycopg")
    skip_if_resolvable("db")
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(host="db", port=5432, dbname="jobboard", user="jobboard", connect_timeout=5)
    assert_reproduces(str(info.value), "docker/db-host-not-resolved")


def test_host_docker_internal_not_resolved():
    """On Linux, host.docker.internal exists only when Compose maps it (`extra_hosts`)."""
    psycopg = pytest.importorskip("psycopg")
    skip_if_resolvable("host.docker.internal")
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(host="host.docker.internal", port=5432, dbname="jobboard", user="jobboard",
                        connect_timeout=5)
    assert_reproduces(str(info.value), "docker/host-docker-internal-not-resolved")
