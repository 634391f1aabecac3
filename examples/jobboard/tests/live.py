"""A real Job Board server for the tests that call it over HTTP as outside clients do: the
frontend quickstart (Node), the contract tester (Schemathesis) and the typed clients.

The server runs `manage.py runserver` in the embedded tier (a fresh SQLite file, LocMem cache,
eager Celery) with the seeded demo data, and its own random secrets, since with DEBUG off the
Job Board refuses to start on the committed ones. Chapa is a fake on another local port, so the
payment steps run for real without the internet.
"""
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

JOBBOARD = Path(__file__).resolve().parents[1]
SERVICES = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "NEXUS_SERVICES")
DEMO_PASSWORD = "nexus-demo-pass-2025"  # jobs/management/commands/seed.py


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
    for _ in range(150):   # up to ~30 s on a busy machine
        if process.poll() is not None:
            raise RuntimeError(f"the Job Board server exited:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(base + "/health/live/", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"the Job Board server did not answer:\n{log.read_text()[-3000:]}")


@contextmanager
def job_board(folder: Path, *, debug: bool, **env: str):
    """Start a seeded server; yield its base URL (http://127.0.0.1:PORT)."""
    port = free_port()
    chapa = FakeChapa()
    threading.Thread(target=chapa.serve_forever, daemon=True).start()
    environ = {k: v for k, v in os.environ.items() if k not in SERVICES}
    environ.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", DJANGO_DEBUG="true" if debug else "false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), JWT_SIGNING_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false", CHAPA_SECRET_KEY="CHASECK_TEST-fake", CHAPA_BASE_URL=chapa.url,
        CHAPA_CALLBACK_URL=f"http://127.0.0.1:{port}/api/payments/callback/", PYTHONUNBUFFERED="1",
        REQUEST_LOG_LEVEL="WARNING")
    environ.update(env)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["seed"]):
        subprocess.run(manage + command, cwd=JOBBOARD, env=environ, check=True, capture_output=True)
    log = folder / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(manage + ["runserver", f"127.0.0.1:{port}", "--noreload"], cwd=JOBBOARD,
                                   env=environ, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        chapa.shutdown()
        chapa.server_close()
