"""TLS errors from Python's ssl module, requests and curl, against a local HTTPS server on 127.0.0.1.

The certificates are made in tmp_path with `openssl`, the way a learner makes a development one.
"""
from __future__ import annotations

import http.server
import os
import shutil
import ssl
import subprocess
import threading
from pathlib import Path

import pytest
import requests
from catalogue import assert_reproduces

pytestmark = pytest.mark.skipif(not shutil.which("openssl"), reason="needs openssl")


def openssl(cwd: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    """A self-signed certificate, a private CA, and three certificates that CA signed."""
    d = tmp_path_factory.mktemp("certs")
    # --8<-- [start:self-signed]
    openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            "-keyout", "self.key", "-out", "self.pem",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
    # --8<-- [end:self-signed]
    openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",  # no subjectAltName
            "-keyout", "cn-only.key", "-out", "cn-only.pem", "-subj", "/CN=localhost")
    openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Job Board dev CA")
    for name, san, days in (("good", "DNS:localhost", "30"), ("other", "DNS:jobs.example.com", "30"),
                            ("expired", "DNS:localhost", "-1")):  # -1: notAfter is already past
        (d / f"{name}.ext").write_text(f"subjectAltName={san}\n")
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key",
                "-out", f"{name}.csr", "-subj", "/CN=jobboard")
        openssl(d, "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", str(abs(hash(name)) % 10**6), "-days", days,
                "-extfile", f"{name}.ext", "-out", f"{name}.pem")
    return d


class Quiet(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client hangs up mid-handshake on purpose


def https_server(certs: Path, name: str):
    server = QuietServer(("127.0.0.1", 0), Quiet)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs / f"{name}.pem", certs / f"{name}.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def serve(certs):
    servers = []

    def start(name):
        servers.append(https_server(certs, name))
        return servers[-1].server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def requests_error(url: str, **kwargs) -> str:
    with pytest.raises(requests.exceptions.SSLError) as info:
        requests.get(url, timeout=10, **kwargs)
    return str(info.value)


def test_self_signed_python(serve):
    port = serve("self")
    assert_reproduces(requests_error(f"https://localhost:{port}/"), "tls/python-self-signed")


def test_unknown_issuer_python(serve):
    port = serve("good")  # signed by a CA that is not in certifi's bundle
    assert_reproduces(requests_error(f"https://localhost:{port}/"), "tls/python-local-issuer")


def test_trusting_the_ca_fixes_it(serve, certs):
    port = serve("good")
    assert requests.get(f"https://localhost:{port}/", timeout=10, verify=certs / "ca.pem").text == "ok\n"


def test_expired_python(serve, certs):
    port = serve("expired")
    message = requests_error(f"https://localhost:{port}/", verify=certs / "ca.pem")
    assert_reproduces(message, "tls/python-expired")


def test_hostname_mismatch_python(serve, certs):
    port = serve("other")  # issued for jobs.example.com
    message = requests_error(f"https://localhost:{port}/", verify=certs / "ca.pem")
    assert_reproduces(message, "tls/python-hostname-mismatch")


def test_common_name_only_is_a_mismatch(serve, certs):
    """urllib3 2 ignores the CN: a certificate without subjectAltName matches no host name."""
    port = serve("cn-only")
    message = requests_error(f"https://localhost:{port}/", verify=certs / "cn-only.pem")
    assert_reproduces(message, "tls/python-hostname-mismatch")


curl = pytest.mark.skipif(not shutil.which("curl"), reason="needs curl")


def run_curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-sS", "--max-time", "10", *args], capture_output=True, text=True, timeout=30)


@curl
def test_self_signed_curl(serve):
    result = run_curl(f"https://localhost:{serve('self')}/")
    assert result.returncode == 60
    assert_reproduces(result.stderr, "tls/curl-self-signed")


@curl
def test_hostname_mismatch_curl(serve, certs):
    result = run_curl("--cacert", str(certs / "ca.pem"), f"https://localhost:{serve('other')}/")
    assert result.returncode == 60
    assert_reproduces(result.stderr, "tls/curl-hostname-mismatch")


@curl
def test_redirect_loop_curl():
    """Django behind a TLS-terminating proxy without SECURE_PROXY_SSL_HEADER: every request looks
    like plain HTTP, so SECURE_SSL_REDIRECT answers each one with a redirect to the same URL."""

    class Loop(Quiet):
        def do_GET(self):
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/jobs/")
            self.end_headers()

    server = QuietServer(("127.0.0.1", 0), Loop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_curl("-L", "--max-redirs", "20", f"http://127.0.0.1:{server.server_address[1]}/jobs/")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 47
    assert_reproduces(result.stderr, "tls/curl-redirect-loop")


def test_mixed_content_chromium(serve):
    """An HTTPS page that calls an http:// API: Chromium blocks the call and says why in the console."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("NEXUS_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.skip("needs Chromium (set NEXUS_CHROMIUM)")
    port = serve("self")
    messages = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(ignore_https_errors=True)  # our self-signed page
            page.on("console", lambda message: messages.append(message.text))
            page.goto(f"https://localhost:{port}/jobs/")
            # The browser refuses before any DNS lookup: nothing leaves the machine.
            page.evaluate("fetch('http://api.jobs.example/api/jobs/').catch(() => null)")
            for _ in range(50):
                if any("Mixed Content" in m for m in messages):
                    break
                page.wait_for_timeout(100)
        finally:
            browser.close()
    output = "\n".join(messages).replace(f"localhost:{port}", "localhost:8443")
    assert_reproduces(output, "tls/mixed-content")
