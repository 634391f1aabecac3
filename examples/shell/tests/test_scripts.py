"""Run the shell examples with bash and check their output and exit codes."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

SHELL_DIR = Path(__file__).resolve().parents[1]
HEALTHCHECK = SHELL_DIR / "healthcheck.sh"
BACKUP = SHELL_DIR / "backup_db.sh"


def run(script: Path, *args: str, env: dict[str, str] | None = None):
    """Run a script with bash and capture its output (never raises on failure)."""
    return subprocess.run(
        ["bash", str(script), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_scripts_are_executable_and_use_strict_mode():
    for script in (HEALTHCHECK, BACKUP):
        text = script.read_text(encoding="utf-8")
        assert text.startswith("#!/usr/bin/env bash\n")
        assert "set -euo pipefail" in text
        assert os.access(script, os.X_OK)


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed")
def test_scripts_pass_shellcheck():
    result = subprocess.run(
        ["shellcheck", str(HEALTHCHECK), str(BACKUP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- healthcheck.sh


@pytest.fixture(scope="module")
def web_server(tmp_path_factory):
    """Serve a folder with a `health` file on 127.0.0.1, on a free port."""
    root = tmp_path_factory.mktemp("site")
    (root / "health").write_text("ok\n", encoding="utf-8")

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # keep test output clean
            pass

    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


needs_curl = pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")


# --8<-- [start:test-healthcheck]
@needs_curl
def test_healthcheck_passes_for_a_healthy_service(web_server):
    result = run(HEALTHCHECK, "-r", "2", "-d", "0", f"{web_server}/health")
    assert result.returncode == 0
    assert "healthy" in result.stdout


@needs_curl
def test_healthcheck_fails_on_a_closed_port():
    url = f"http://127.0.0.1:{closed_port()}/health"
    result = run(HEALTHCHECK, "-r", "2", "-d", "0", "-t", "2", url)
    assert result.returncode == 1
    assert "attempt 2/2 failed" in result.stderr
    assert "UNHEALTHY" in result.stderr
# --8<-- [end:test-healthcheck]


@needs_curl
def test_healthcheck_treats_http_errors_as_failures(web_server):
    result = run(HEALTHCHECK, "-r", "1", f"{web_server}/missing")
    assert result.returncode == 1
    assert "404" in result.stderr  # curl --show-error names the status


@needs_curl
def test_healthcheck_waits_between_retries():
    url = f"http://127.0.0.1:{closed_port()}/"
    start = time.perf_counter()
    result = run(HEALTHCHECK, "-r", "2", "-d", "1", "-t", "2", url)
    assert result.returncode == 1
    assert time.perf_counter() - start >= 1  # one sleep between two attempts


@pytest.mark.parametrize(
    "args",
    [(), ("-r", "0", "http://127.0.0.1/"), ("-x", "http://127.0.0.1/"), ("a", "b")],
)
def test_healthcheck_usage_errors_exit_2(args):
    result = run(HEALTHCHECK, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


# ------------------------------------------------------------------ backup_db.sh


@pytest.fixture
def database(tmp_path) -> Path:
    path = tmp_path / "app.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE jobs (id INTEGER PRIMARY KEY, title TEXT)")
        conn.executemany("INSERT INTO jobs (title) VALUES (?)", [("a",), ("b",)])
    return path


def python_only_env() -> dict[str, str]:
    """Pretend the sqlite3 CLI is missing, and make sure `python3` is on PATH."""
    env = dict(os.environ)
    env["SQLITE3_BIN"] = "no-such-sqlite3-binary"
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def count_jobs(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]


# --8<-- [start:test-backup]
@pytest.mark.parametrize("use_cli", [True, False], ids=["sqlite3-cli", "python-fallback"])
def test_backup_creates_a_dated_readable_copy(database, tmp_path, use_cli):
    if use_cli and shutil.which("sqlite3") is None:
        pytest.skip("sqlite3 CLI not installed")
    out = tmp_path / "backups"
    env = None if use_cli else python_only_env()

    result = run(BACKUP, "-o", str(out), database.as_posix(), env=env)

    assert result.returncode == 0, result.stderr
    (backup,) = out.glob("app-*.sqlite3")  # exactly one file, e.g. app-20261122T101500Z
    assert backup.name[len("app-") :].endswith("Z.sqlite3")
    assert count_jobs(backup) == 2
    assert not list(out.glob("*.partial"))


def test_backup_deletes_only_old_backups(database, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    old = out / "app-20200101T000000Z.sqlite3"
    other_db = out / "other-20200101T000000Z.sqlite3"
    for path in (old, other_db):
        path.write_bytes(b"old")
        month_ago = time.time() - 30 * 24 * 3600
        os.utime(path, (month_ago, month_ago))

    result = run(BACKUP, "-o", str(out), "-k", "7", str(database), env=python_only_env())

    assert result.returncode == 0, result.stderr
    assert not old.exists()  # older than 7 days: removed
    assert other_db.exists()  # another database's backup: untouched
    assert len(list(out.glob("app-*.sqlite3"))) == 1  # the new one stays
# --8<-- [end:test-backup]


def test_backup_of_missing_database_fails(tmp_path):
    result = run(BACKUP, "-o", str(tmp_path), str(tmp_path / "missing.sqlite3"))
    assert result.returncode == 1
    assert "no such database" in result.stderr


@pytest.mark.parametrize("args", [(), ("-k", "soon", "db.sqlite3"), ("a", "b")])
def test_backup_usage_errors_exit_2(args):
    result = run(BACKUP, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
