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

import gzip
import mimetypes
import socket
import threading
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
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}{self.prefix}"

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

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: the byte log is kept in server.log
                pass

            def do_GET(self):
                path = urlsplit(self.path).path
                if not path.endswith("/") and server._is_dir(path + "/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    server.log.append((path, 301, 0))
                    return
                target = server._resolve(path)
                status = HTTPStatus.OK
                if target is None:
                    status, target = HTTPStatus.NOT_FOUND, server.root / "404.html"
                body = server._body(target)
                kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                # "LinkChecker" lets linkchecker exceed its default 10 requests a second, as
                # its documentation describes for servers that opt in.
                headers = {"Content-Type": kind, "Cache-Control": "max-age=600", "LinkChecker": "allowed"}
                if server.gzip and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE):
                    body = server._cache.get(target) or server._cache.setdefault(
                        target, gzip.compress(body, compresslevel=6, mtime=0))
                    headers["Content-Encoding"] = "gzip"
                    headers["Vary"] = "Accept-Encoding"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command == "HEAD":   # the headers of a GET, and no body (RFC 9110, 9.3.2)
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
