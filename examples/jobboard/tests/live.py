"""A real Job Board server for the tests that call it over HTTP as outside clients do: the
frontend quickstart (Node), the contract tester (Schemathesis) and the typed clients.

The server runs `manage.py runserver` in the embedded tier (its own SQLite file, LocMem cache,
eager Celery) with the seeded demo data, and its own random secrets, since with DEBUG off the
Job Board refuses to start on the committed ones. Chapa is a fake on another local port, so the
payment steps run for real without the internet. The settings are tests/live_settings.py: the
Job Board's own, with a fast password hasher.

Every server starts from a copy of one database file, migrated and seeded once per test session
(`seeded_database`, the conftest fixture of the same name): nothing one server stores, no user,
application or rate-limit count, is seen by the next one, and starting one costs a file copy.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

JOBBOARD = Path(__file__).resolve().parents[1]
SERVICES = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "NEXUS_SERVICES")
DEMO_PASSWORD = "nexus-demo-pass-2025"  # jobs/management/commands/seed.py

# A live server always runs on its own SQLite copy (SERVICES are left out of its environment), so
# its tests are the same in both tiers: they run in the embedded one only, and the services tier
# (bin/test-services, NEXUS_SERVICES=1) spends its time on what the real services change.
EMBEDDED_TIER_ONLY = pytest.mark.skipif(os.environ.get("NEXUS_SERVICES") == "1",
                                        reason="a live server uses its own SQLite copy: run in the embedded tier")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakeChapa(ThreadingHTTPServer):
    """Chapa's two calls, answered from memory: initialize remembers the amount, verify says paid."""

    def __init__(self):
        self.payments: dict[str, dict] = {}
        super().__init__(("127.0.0.1", free_port()), _ChapaHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _ChapaHandler(BaseHTTPRequestHandler):
    server: FakeChapa

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # /v1/transaction/initialize
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.server.payments[payload["tx_ref"]] = payload
        self._answer(200, {"status": "success", "message": "Hosted Link",
                           "data": {"checkout_url": f"https://checkout.chapa.example/{payload['tx_ref']}"}})

    def do_GET(self):  # /v1/transaction/verify/<tx_ref>
        tx_ref = self.path.rstrip("/").rsplit("/", 1)[-1]
        payment = self.server.payments.get(tx_ref)
        if payment is None:
            self._answer(404, {"status": "failed", "message": "Invalid transaction or Transaction not found"})
            return
        self._answer(200, {"status": "success", "message": "Payment details", "data": {
            "status": "success", "tx_ref": tx_ref, "amount": str(Decimal(payment["amount"])),
            "currency": payment["currency"]}})

    def log_message(self, *args):  # quiet
        pass


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60   # a busy machine can take a while to start Django
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Job Board server exited:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(base + "/health/live/", timeout=5)
            return
        except OSError:   # refused while it starts (URLError), or too slow to answer (TimeoutError)
            time.sleep(0.2)
    raise RuntimeError(f"the Job Board server did not answer:\n{log.read_text()[-3000:]}")


def _environ(database: Path, debug: bool) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in SERVICES}
    environ.update(
        DJANGO_SETTINGS_MODULE="tests.live_settings", DATABASE_URL=f"sqlite:///{database}",
        DJANGO_DEBUG="true" if debug else "false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), JWT_SIGNING_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false", PYTHONUNBUFFERED="1", REQUEST_LOG_LEVEL="WARNING")
    return environ


def seeded_database(folder: Path) -> Path:
    """Migrate and seed one SQLite file, the starting point of every server of a test session."""
    database = folder / "seeded.sqlite3"
    environ = _environ(database, debug=False)
    for command in (["migrate", "--noinput"], ["seed"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=JOBBOARD, env=environ, check=True,
                       capture_output=True)
    return database


@contextmanager
def job_board(folder: Path, *, debug: bool, database: Path | None = None, **env: str):
    """Start a server on a copy of `database` (migrated and seeded here when None); yield its
    base URL (http://127.0.0.1:PORT)."""
    own = folder / "db.sqlite3"
    shutil.copyfile(database or seeded_database(folder), own)
    port = free_port()
    chapa = FakeChapa()
    threading.Thread(target=chapa.serve_forever, daemon=True).start()
    environ = _environ(own, debug)
    environ.update(CHAPA_SECRET_KEY="CHASECK_TEST-fake", CHAPA_BASE_URL=chapa.url,
                   CHAPA_CALLBACK_URL=f"http://127.0.0.1:{port}/api/payments/callback/")
    environ.update(env)
    log = folder / "server.log"
    with log.open("w") as output:
        # The system checks ran when the database was migrated: same code, same settings.
        process = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload",
                                    "--skip-checks"], cwd=JOBBOARD, env=environ, stdout=output,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        chapa.shutdown()
        chapa.server_close()
