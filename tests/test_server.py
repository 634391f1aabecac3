"""The local test server (nexus/server.py) answers as GitHub Pages does."""
import http.client

from nexus.server import SiteServer


def request(server, method, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def test_head_sends_the_headers_of_get_and_no_body(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "hub " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>gone</p>", encoding="utf-8")
    with SiteServer(tmp_path, "/project-nexus/") as server:
        get, body = request(server, "GET", "/project-nexus/", **{"Accept-Encoding": "gzip"})
        head, nothing = request(server, "HEAD", "/project-nexus/", **{"Accept-Encoding": "gzip"})
        missing, _ = request(server, "HEAD", "/project-nexus/nowhere/")
    assert get.status == head.status == 200 and nothing == b"" and len(body) > 0
    assert head.getheader("Content-Length") == get.getheader("Content-Length") == str(len(body))
    assert head.getheader("Content-Encoding") == "gzip"
    assert missing.status == 404
