"""gunicorn's own log lines, from the pinned gunicorn on 127.0.0.1 with a tiny WSGI app."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from catalogue import assert_reproduces

GUNICORN = Path(sys.executable).with_name("gunicorn")
pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="needs the pinned gunicorn in .venv")

APP = '''
import time

def application(environ, start_response):
    if environ["PATH_INFO"] == "/slow/":
        time.sleep(30)  # far past --timeout 1: the arbiter aborts the worker first
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\\n"]
'''
STAMP = re.compile(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\]")


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """One gunicorn master in tmp_path; its log is read from a file, every wait is bounded."""

    def __init__(self, tmp_path: Path, *args: str, app: str = "app:application", port_from_env: bool = False):
        """port_from_env: no --bind, the port in PORT instead, as a hosting platform starts it."""
        (tmp_path / "app.py").write_text(APP)
        self.port = free_port()
        self.log = tmp_path / "gunicorn.log"
        bind = [] if port_from_env else ["--bind", f"127.0.0.1:{self.port}"]
        port = {"PORT": str(self.port)} if port_from_env else {}
        self.proc = subprocess.Popen(
            [str(GUNICORN), app, *bind, "--workers", "1", "--no-control-socket", *args],
            cwd=tmp_path, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(tmp_path), **port})

    def text(self) -> str:
        return self.log.read_text()

    def wait_for(self, needle: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.text():
                return self.text()
            if self.proc.poll() is not None and needle not in self.text():
                break
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} not in the log:\n{self.text()}")

    def worker_pid(self) -> int:
        return int(re.findall(r"Booting worker with pid: (\d+)", self.wait_for("Booting worker"))[-1])

    def masked(self, worker: int) -> str:
        """Timestamps and pids change on every run: show them as the page does."""
        text = STAMP.sub("[2026-12-01 10:15:42 +0000]", self.text())
        return text.replace(f"[{self.proc.pid}]", "[4170]").replace(str(worker), "4171")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture
def gunicorn(tmp_path):
    servers = []

    def start(*args, **kwargs):
        servers.append(Gunicorn(tmp_path, *args, **kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_worker_timeout(gunicorn):
    server = gunicorn("--timeout", "1")
    worker = server.worker_pid()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/slow/", timeout=15)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        pass  # what the client sees depends on the worker class; the master's log is the point
    server.wait_for("WORKER TIMEOUT")
    assert_reproduces(server.masked(worker), "nginx-gunicorn/worker-timeout")


def test_worker_sigkill(gunicorn):
    server = gunicorn()
    worker = server.worker_pid()
    os.kill(worker, signal.SIGKILL)  # what the kernel's OOM killer does
    server.wait_for("was sent SIGKILL")
    assert_reproduces(server.masked(worker), "nginx-gunicorn/worker-sigkill")


def test_connection_in_use(gunicorn, tmp_path):
    with closing(socket.socket()) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        (tmp_path / "app.py").write_text(APP)
        result = subprocess.run(
            [str(GUNICORN), "app:application", "--bind", f"127.0.0.1:{port}", "--no-control-socket"],
            cwd=tmp_path, capture_output=True, text=True, timeout=30, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode != 0
    masked = STAMP.sub("[2026-12-01 10:15:42 +0000]", result.stderr).replace(str(port), "8000")
    masked = re.sub(r"\[\d+\] \[ERROR\]", "[4170] [ERROR]", masked)
    assert_reproduces(masked, "nginx-gunicorn/connection-in-use")


def test_wsgi_module_not_found(tmp_path):
    # gunicorn started outside examples/jobboard, so `config` is not importable.
    result = subprocess.run(
        [str(GUNICORN), "config.wsgi:application", "--bind", f"127.0.0.1:{free_port()}", "--no-control-socket"],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode != 0
    assert_reproduces(result.stderr, "nginx-gunicorn/module-not-found")
    assert "Reason: Worker failed to boot." in result.stderr


def test_gunicorn_command_not_found(tmp_path):
    # A build that never installed gunicorn: the platform's shell runs the start command.
    path = "/usr/local/bin:/usr/bin:/bin"
    if any(Path(folder, "gunicorn").exists() for folder in path.split(":")):
        pytest.skip("a system-wide gunicorn is installed here")
    result = subprocess.run(["bash", "-c", "gunicorn config.wsgi"], cwd=tmp_path, env={"PATH": path},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 127
    assert_reproduces(result.stderr, "nginx-gunicorn/command-not-found")


def test_port_from_the_environment_is_the_default_bind(gunicorn):
    # What a platform relies on: with PORT set and no --bind, gunicorn listens on 0.0.0.0:$PORT.
    server = gunicorn(port_from_env=True)
    server.wait_for(f"Listening at: http://0.0.0.0:{server.port}")
