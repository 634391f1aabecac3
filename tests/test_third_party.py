"""No built file makes the reader's browser contact a third-party host.

Only URLs a browser would request count: src/href of scripts, styles, images, preloads and
iframes in HTML, and url() in CSS; links a reader clicks do not. In JavaScript, known CDN hosts
fail (data/allowed_hosts.yml says why the rules differ). The browser tests block and report
every real request as well.
"""
import re
from urllib.parse import urlparse

import yaml

from nexus import ROOT

REQUESTED_IN_HTML = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=\"([^\"]+)\""
    r"|<link\b[^>]*\bhref=\"([^\"]+)\"[^>]*>", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?(https?:)?//([^'\")/]+)", re.IGNORECASE)
JS_URL = re.compile(r"https?://([a-zA-Z0-9.-]+\.[a-z]{2,})")
ALLOWED = yaml.safe_load((ROOT / "data/allowed_hosts.yml").read_text(encoding="utf-8"))


def hosts_in_html(text):
    for match in REQUESTED_IN_HTML.finditer(text):
        url = match.group(1) or match.group(2)
        tag = match.group(0).lower()
        if tag.startswith("<link") and not re.search(r"rel=\"(stylesheet|preload|preconnect|dns-prefetch|modulepreload|icon|manifest)", tag):
            continue
        host = urlparse(url).hostname if "//" in url else None
        if host:
            yield host


def test_no_third_party_requests_in_built_files(site):
    found = {}
    for path in site.rglob("*"):
        if path.suffix == ".html":
            hosts = set(hosts_in_html(path.read_text(encoding="utf-8")))
        elif path.suffix == ".css":
            hosts = {m.group(2) for m in CSS_URL.finditer(path.read_text(encoding="utf-8"))}
        elif path.suffix == ".js":
            hosts = set(JS_URL.findall(path.read_text(encoding="utf-8"))) & set(ALLOWED["cdn"])
        else:
            continue
        bad = {h for h in hosts if h not in ALLOWED["requested"]}
        if bad:
            found[path.relative_to(site).as_posix()] = sorted(bad)
    assert not found, f"third-party hosts in built files: {found}"


def test_theme_cdn_urls_are_rewritten_to_vendored_copies(site):
    """The bundle's CDN URLs point at the hub: Mermaid's at the loader, which the build ships only
    when a diagram is left for the browser (nexus/site/diagrams.py), so a full build has none."""
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "unpkg.com" not in bundle
    assert '"assets/javascripts/mermaid-loader.js"' in bundle
    assert '"assets/javascripts/vendor/resize-observer.js"' in bundle
    assert (site / "assets/javascripts/vendor/resize-observer.js").is_file()


def test_no_page_links_mermaid(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "mermaid.min.js" not in text and "mermaid-loader.js" not in text, page
