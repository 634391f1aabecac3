"""PostgreSQL errors from docs/troubleshooting/postgresql.md, triggered for real.

Most need the real server of the services tier (bin/test-services). Its pg_hba.conf
(written by bin/services) trusts every role except `jobboard`, which gets `peer` on the
Unix socket and `scram-sha-256` over TCP, like a laptop install. The tests that need
those rules skip on servers without them (GitHub's service container).
"""
import os
import socket
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from urllib.parse import urlparse

import psycopg
import pytest
from psycopg import sql

from catalogue import assert_reproduces, printed

from .conftest import services_requested


def port_is_closed(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex((host, port)) != 0


@pytest.fixture
def server():
    """The services tier's PostgreSQL: (host, port, superuser URL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        if services_requested():
            pytest.fail("services tier requested but DATABASE_URL does not point to PostgreSQL")
        pytest.skip("DATABASE_URL does not point to PostgreSQL; run bin/test-services")
    parts = urlparse(url)
    return parts.hostname, parts.port or 5432, url


def laptop_rules():
    """The socket folder of a server whose pg_hba.conf bin/services wrote, or skip."""
    folder = os.environ.get("NEXUS_PG_SOCKET_DIR")
    if not folder:
        pytest.skip("needs the pg_hba.conf rules of bin/services (NEXUS_PG_SOCKET_DIR)")
    return folder


@contextmanager
def admin(url: str, dbname: str = "postgres"):
    with psycopg.connect(url, dbname=dbname, autocommit=True) as conn:
        yield conn


@contextmanager
def scratch_database(url: str):
    """A new, empty database (as learners have before `migrate`), dropped afterwards."""
    name = f"catalogue_{uuid.uuid4().hex[:8]}"
    with admin(url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with admin(url) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def temporary_role(url: str, name: str, options: str = "LOGIN"):
    with admin(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} " + options).format(sql.Identifier(name)))
    try:
        yield name
    finally:
        if not exists:
            with admin(url) as conn:
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


# --- no server needed -------------------------------------------------------------


def test_connection_refused_on_localhost():
    # Nothing listens on 5432: the server is not installed, not started, or on another port.
    if not port_is_closed("127.0.0.1", 5432):
        pytest.skip("something listens on 127.0.0.1:5432 here")
    psql = subprocess.run(["psql", "-h", "localhost", "-p", "5432", "-U", "jobboard", "jobboard"],
                          capture_output=True, text=True, timeout=30, env={**os.environ, "PGCONNECT_TIMEOUT": "5"})
    assert psql.returncode != 0
    assert_reproduces(psql.stderr, "postgresql/connection-refused")


def test_psycopg_not_installed(tmp_path):
    # A Python where neither driver imports (a venv without psycopg): Django's own message.
    code = ("import sys; sys.modules['psycopg'] = sys.modules['psycopg2'] = None\n"
            "import django; django.setup()\n"
            "import django.db.backends.postgresql.base\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=os.path.dirname(os.path.dirname(__file__)),
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"})
    assert result.returncode != 0
    assert_reproduces(result.stderr, "postgresql/psycopg-missing")


# --- against the services tier's server ---------------------------------------------



@pytest.mark.services
def test_password_authentication_failed(server):
    host, port, url = server
    with temporary_role(url, "jobboard", "LOGIN PASSWORD 'the-right-password'"):
        with pytest.raises(psycopg.OperationalError) as excinfo:
            psycopg.connect(host=host, port=port, user="jobboard", password="change-me", dbname="postgres",
                            connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/password-authentication-failed")


@pytest.mark.services
def test_peer_authentication_failed(server):
    socket_dir = laptop_rules()
    _, port, url = server
    with temporary_role(url, "jobboard"):
        with pytest.raises(psycopg.OperationalError) as excinfo:
            # No host: libpq uses the Unix socket, where pg_hba.conf says `peer` for jobboard.
            psycopg.connect(host=socket_dir, port=port, user="jobboard", dbname="postgres", connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/peer-authentication-failed")


@pytest.mark.services
def test_database_does_not_exist(server):
    host, port, url = server
    with pytest.raises(psycopg.OperationalError) as excinfo:
        psycopg.connect(url, dbname="jobboard_dev", connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/database-does-not-exist")


@pytest.mark.services
def test_role_does_not_exist(server):
    # Over `trust` (or `peer`) PostgreSQL says so; over a password method it hides it.
    laptop_rules()
    host, port, _ = server
    with pytest.raises(psycopg.OperationalError) as excinfo:
        psycopg.connect(host=host, port=port, user="learner", dbname="postgres", connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/role-does-not-exist")


@pytest.mark.services
def test_no_pg_hba_conf_entry(server):
    # No line of pg_hba.conf matches this role from this address: what a container meets on a
    # host's PostgreSQL whose rules list only 127.0.0.1 (here the role is the unmatched part).
    laptop_rules()
    host, port, _ = server
    with pytest.raises(psycopg.OperationalError) as excinfo:
        psycopg.connect(host=host, port=port, user="jobboard_web", dbname="jobboard", sslmode="disable",
                        connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/no-pg-hba-entry")


@pytest.mark.services
def test_permission_denied_for_schema_public(server):
    # PostgreSQL 15+: only the database owner may create in `public`.
    laptop_rules()
    host, port, url = server
    with scratch_database(url) as dbname, temporary_role(url, "jobboard_app"):
        with psycopg.connect(host=host, port=port, user="jobboard_app", dbname=dbname, autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as excinfo:
                conn.execute('CREATE TABLE "django_migrations" ("id" bigint NOT NULL PRIMARY KEY)')
    assert_reproduces(str(excinfo.value), "postgresql/permission-denied-schema-public")


@pytest.mark.services
def test_relation_does_not_exist(server):
    # A database where `migrate` never ran.
    _, _, url = server
    with scratch_database(url) as dbname, admin(url, dbname) as conn:
        with pytest.raises(psycopg.errors.UndefinedTable) as excinfo:
            conn.execute('SELECT "jobs_job"."id" FROM "jobs_job"')
    assert_reproduces(str(excinfo.value), "postgresql/relation-does-not-exist")


@pytest.mark.services
def test_too_many_connections_for_role(server):
    laptop_rules()
    host, port, url = server
    with temporary_role(url, "jobboard_app", "LOGIN CONNECTION LIMIT 1"):
        with psycopg.connect(host=host, port=port, user="jobboard_app", dbname="postgres"):
            with pytest.raises(psycopg.OperationalError) as excinfo:
                psycopg.connect(host=host, port=port, user="jobboard_app", dbname="postgres", connect_timeout=10)
    assert_reproduces(str(excinfo.value), "postgresql/too-many-connections")


@pytest.mark.services
def test_deadlock_detected(server):
    # Two transactions lock two rows in opposite orders; PostgreSQL aborts one of them
    # after deadlock_timeout (1 s by default).
    _, _, url = server
    with scratch_database(url) as dbname:
        with admin(url, dbname) as setup:
            setup.execute("CREATE TABLE jobs_job (id int PRIMARY KEY, views int NOT NULL)")
            setup.execute("INSERT INTO jobs_job VALUES (1, 0), (2, 0)")
        first = psycopg.connect(url, dbname=dbname)
        second = psycopg.connect(url, dbname=dbname)
        errors = []

        def update(conn, job_id):
            try:
                conn.execute("UPDATE jobs_job SET views = views + 1 WHERE id = %s", [job_id])
            except psycopg.Error as exc:
                errors.append(exc)
                conn.rollback()

        try:
            update(first, 1)
            update(second, 2)
            waiting = threading.Thread(target=update, args=(first, 2))
            waiting.start()
            with admin(url, dbname) as watch:  # wait until `first` really waits for the lock
                for _ in range(200):
                    if watch.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND datname = %s", [dbname]).fetchone()[0]:
                        break
                    threading.Event().wait(0.05)
            update(second, 1)
            waiting.join(timeout=30)
            assert not waiting.is_alive()
        finally:
            first.close()
            second.close()
    assert len(errors) == 1, errors
    assert isinstance(errors[0], psycopg.errors.DeadlockDetected)
    assert_reproduces(str(errors[0]), "postgresql/deadlock-detected")


@pytest.mark.services
def test_unique_violation(server, db):
    from django.db import IntegrityError

    from jobs.models import Company

    from .conftest import make_user

    owner = make_user("unique-owner", "recruiter")
    Company.objects.create(name="Acacia Labs", owner=owner)
    with pytest.raises(IntegrityError) as excinfo:
        Company.objects.create(name="Acacia Labs", owner=owner)
    assert_reproduces(printed(excinfo.value), "postgresql/unique-violation")


@pytest.mark.services
def test_create_database_script_gives_a_role_that_can_migrate(server):
    # deploy/postgres/create-database.sql, the fix for several entries above, run by real psql.
    laptop_rules()
    host, port, url = server
    role, dbname = "jobboard_app", f"catalogue_{uuid.uuid4().hex[:8]}"  # a role pg_hba.conf lets in
    script = os.path.join(os.path.dirname(os.path.dirname(__file__)), "deploy/postgres/create-database.sql")
    psql = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-v", f"role={role}", "-v", "password=change-me",
                           "-v", f"dbname={dbname}", "-f", script], capture_output=True, text=True, timeout=60)
    try:
        assert psql.returncode == 0, psql.stderr
        with psycopg.connect(host=host, port=port, user=role, password="change-me", dbname=dbname,
                             autocommit=True) as conn:
            conn.execute('CREATE TABLE "django_migrations" ("id" bigint NOT NULL PRIMARY KEY)')
            owner = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
                                 [dbname]).fetchone()[0]
        assert owner == role
    finally:
        with admin(url) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(dbname)))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
