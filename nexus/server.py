"""Serve a built site on 127.0.0.1 the way GitHub Pages does, for tests and benchmarks.

- under the path of `site_url` (Material's instant navigation needs the same path),
- gzip for text responses when the client accepts it,
- `404.html` with status 404 for unknown paths,
- a log of every response's path and bytes on the wire, to check byte budgets,
- a `LinkChecker` header, which lifts linkchecker's politeness limit for this local server.

Material's instant navigation only handles links whose URL, with protocol and host name (not
port) swapped, is in sitemap.xml. The server answers sitemap.xml with site_url's origin replaced
by its own (`origin`), so one build, made for the real site_url, serves every test process on its
own port; and the path stays site_url's path, as on Pages.
"""
from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import mimetypes
import socket
import subprocess
import tempfile
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import ROOT

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def site_url(config_file: Path = ROOT / "mkdocs.yml") -> str:
    from nexus import config
    return config.site_url(config_file.parent)


def site_prefix(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of site_url (/project-nexus/): serve the site under it, as Pages does."""
    return urlsplit(site_url(config_file)).path


def free_port() -> int:
    """A port that is free now, to build a site for (SITE_URL) and then serve it on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteServer:
    def __init__(self, root: Path, prefix: str = "/", gzip_enabled: bool = True, port: int = 0,
                 origin: str | None = None):
        self.root = Path(root).resolve()
        self.origin = origin          # site_url's scheme and host, as the build wrote it in sitemap.xml
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.gzip = gzip_enabled
        self.log: list[tuple[str, int, int]] = []   # (path, status, bytes sent)
        self._cache: dict[Path, bytes] = {}
        self.port = self._listen(port)
        self.url = f"{self.scheme}://127.0.0.1:{self.port}{self.prefix}"

    scheme = "http"

    def _listen(self, port: int) -> int:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        return self._httpd.server_address[1]

    def __enter__(self):
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def bytes_since(self, mark: int) -> int:
        return sum(size for _, _, size in self.log[mark:])

    def _is_dir(self, path: str) -> bool:
        return path.startswith(self.prefix) and (self.root / unquote(path[len(self.prefix):])).is_dir()

    def _resolve(self, path: str):
        if not path.startswith(self.prefix):
            return None
        relative = unquote(path[len(self.prefix):])
        target = (self.root / relative).resolve()
        if self.root not in target.parents and target != self.root:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _body(self, target: Path) -> bytes:
        body = target.read_bytes()
        if self.origin and target.name == "sitemap.xml":
            body = body.replace(self.origin.encode(), f"http://127.0.0.1:{self.port}".encode())
        return body

    def respond(self, path: str, accept_encoding: str = "") -> tuple[int, dict, bytes]:
        """Status, headers and body for a GET of path: the rules above, for either protocol."""
        if not path.endswith("/") and self._is_dir(path + "/"):
            return HTTPStatus.MOVED_PERMANENTLY, {"Location": path + "/"}, b""
        target = self._resolve(path)
        status = HTTPStatus.OK
        if target is None:
            status, target = HTTPStatus.NOT_FOUND, self.root / "404.html"
        body = self._body(target)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        # "LinkChecker" lets linkchecker exceed its default 10 requests a second, as
        # its documentation describes for servers that opt in.
        headers = {"Content-Type": kind, "Cache-Control": "max-age=600", "LinkChecker": "allowed"}
        if self.gzip and "gzip" in accept_encoding and kind.startswith(COMPRESSIBLE):
            body = self._cache.get(target) or self._cache.setdefault(
                target, gzip.compress(body, compresslevel=6, mtime=0))
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        return status, headers, body

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: the byte log is kept in server.log
                pass

            def do_GET(self):
                path = urlsplit(self.path).path
                status, headers, body = server.respond(path, self.headers.get("Accept-Encoding", ""))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command == "HEAD" or not body:   # HEAD: the headers of a GET, no body (RFC 9110, 9.3.2)
                    server.log.append((path, int(status), 0))
                    return
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):   # the browser moved on
                    server.log.append((path, int(status), 0))
                    return
                server.log.append((path, int(status), len(body)))

            do_HEAD = do_GET

        return Handler


class H2SiteServer(SiteServer):
    """The same site over HTTP/2 and TLS, as GitHub Pages serves it, for benchmarks of what a
    browser fetches at once: over HTTP/1.1 Chromium opens six connections to a host, so thirty
    small files take five round trips; over HTTP/2 one. Hypercorn speaks HTTP/2; the certificate
    is made on the spot for 127.0.0.1, and the browser is told to trust its key (`spki`, for
    Chromium's --ignore-certificate-errors-spki-list): with certificate errors merely ignored,
    Chromium would not cache what it fetches."""

    scheme = "https"

    def _listen(self, port: int) -> int:
        self._folder = tempfile.TemporaryDirectory()
        cert, key = (str(Path(self._folder.name) / name) for name in ("cert.pem", "key.pem"))
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        public = subprocess.run(["openssl", "x509", "-in", cert, "-pubkey", "-noout"],
                                check=True, capture_output=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=public,
                             check=True, capture_output=True).stdout
        self.spki = base64.b64encode(hashlib.sha256(der).digest()).decode()
        self._files = cert, key
        return port or free_port()

    def __enter__(self):
        from hypercorn.asyncio import serve
        from hypercorn.config import Config

        config = Config()
        config.bind = [f"127.0.0.1:{self.port}"]
        config.certfile, config.keyfile = self._files
        config.accesslog = config.errorlog = None
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self._thread = threading.Thread(target=self._loop.run_until_complete, daemon=True,
                                        args=(serve(self._app, config, shutdown_trigger=self._stop.wait),))
        self._thread.start()
        for _ in range(100):        # until it listens
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"HTTP/2 server did not start on port {self.port}")

    def __exit__(self, *exc):
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        self._folder.cleanup()

    async def _app(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while (await receive())["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        path = scope["raw_path"].decode("latin-1")
        accept = dict(scope["headers"]).get(b"accept-encoding", b"").decode("latin-1")
        status, headers, body = self.respond(path, accept)
        headers["Content-Length"] = str(len(body))
        if scope["method"] == "HEAD":
            body = b""
        # Logged before it is sent: the browser may read the response (and a test the log) before
        # this coroutine runs again after the last send.
        self.log.append((path, int(status), len(body)))
        await send({"type": "http.response.start", "status": int(status),
                    "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()]})
        await send({"type": "http.response.body", "body": body})
