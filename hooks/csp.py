"""A Content-Security-Policy on every built page: the second line of defence behind the content
check that refuses raw <script> in Markdown.

GitHub Pages can't send headers, so the policy is a <meta http-equiv> right after <meta charset>
(which must stay in the first 1024 bytes), before any script. The theme emits a few inline scripts (its config, the palette and tab restore); their
SHA-256 hashes are computed after the build over the whole site, because instant navigation
runs a later page's scripts under the first page's policy. Inline scripts inside the page
content (<article>) are never hashed: content comes from pull requests, so a script there is
blocked even if it slips past the content check.

Not applied to `mkdocs serve` (its live-reload script is added per response) nor to the offline
copy: file:// pages have an opaque origin, so 'self' would match nothing and block every file.
"""
import base64
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("csp")

# The one host pages may call besides the hub: Material's repository facts (repo_url).
API_HOST = "https://api.github.com"
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.DOTALL)
CHARSET = '<meta charset="utf-8">'
_command = []


def on_startup(command, dirty):
    _command[:] = [command]


def _executable(attrs: str) -> bool:
    if re.search(r"\bsrc\s*=", attrs):
        return False
    kind = re.search(r'\btype\s*=\s*"([^"]*)"', attrs)
    return kind is None or kind.group(1) in ("text/javascript", "module")


def inline_hashes(html: str) -> set[str]:
    """Hashes of the executable inline scripts the theme emits (outside the page content)."""
    theme_part = ARTICLE.sub("", html)
    return {"'sha256-" + base64.b64encode(hashlib.sha256(m["body"].encode("utf-8")).digest()).decode() + "'"
            for m in SCRIPT.finditer(theme_part) if _executable(m["attrs"])}


def policy(hashes: set[str]) -> str:
    directives = [
        # Scripts: the hub's own files, and the theme's inline scripts by hash. No 'unsafe-inline',
        # no eval, no other origin.
        "script-src 'self' " + " ".join(sorted(hashes)),
        # fetch/XHR: the search index and sitemap (instant navigation) from the hub, and GitHub's API.
        f"connect-src 'self' {API_HOST}",
        # No plugins (<object>, <embed>).
        "object-src 'none'",
        # A <base> tag can't point relative URLs (and scripts) at another site.
        "base-uri 'self'",
        # Forms may only submit to the hub (the hub has none; an injected one can't post elsewhere).
        "form-action 'self'",
    ]
    return "; ".join(directives)


def on_post_build(config):
    if _command[:1] == ["serve"] or any(name.split("/")[-1] == "offline" for name in config.plugins):
        return
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = set().union(*(inline_hashes(text) for text in texts.values()))
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
            '<meta name="referrer" content="strict-origin-when-cross-origin">')
    for path, text in texts.items():
        if CHARSET not in text:
            continue
        path.write_text(text.replace(CHARSET, CHARSET + meta, 1), encoding="utf-8")
    log.info("Content-Security-Policy on %d pages, %d inline script hashes", len(texts), len(hashes))
