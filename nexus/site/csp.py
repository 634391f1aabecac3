"""A Content-Security-Policy on every built page: the second line of defence behind the content
check that refuses raw <script> in Markdown.

GitHub Pages can't send headers, so the policy is a <meta http-equiv> right after <meta charset>
(which must stay in the first 1024 bytes), before any script. The theme emits a few inline
scripts (its config, the palette and tab restore); their SHA-256 hashes are computed over the
whole site, because instant navigation runs a later page's scripts under the first page's
policy. Inline scripts inside the page content (<article>) are never hashed: content comes from
pull requests, so a script there is blocked even if it slips past the content check.

Not applied to `mkdocs serve` (its live-reload script is added per response) nor to the offline
copy: file:// pages have an opaque origin, so 'self' would match nothing and block every file.
"""
import base64
import hashlib
import re

import yaml
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.DOTALL)
CHARSET = '<meta charset="utf-8">'


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


def policy(hashes: set[str], requested) -> str:
    directives = [
        # Scripts: the hub's own files, and the theme's inline scripts by hash. No 'unsafe-inline',
        # no eval, no other origin.
        "script-src 'self' " + " ".join(sorted(hashes)),
        # fetch/XHR: the search index and sitemap (instant navigation) from the hub, and the hosts
        # data/allowed_hosts.yml lets pages contact (GitHub's API, for repository facts).
        "connect-src 'self' " + " ".join(f"https://{host}" for host in sorted(requested)),
        # No plugins (<object>, <embed>).
        "object-src 'none'",
        # A <base> tag can't point relative URLs (and scripts) at another site.
        "base-uri 'self'",
        # Forms may only submit to the hub (the hub has none; an injected one can't post elsewhere).
        "form-action 'self'",
    ]
    return "; ".join(directives)


def run(site):
    if site.serve or site.offline:
        return
    pages = site.pages()
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = set().union(*(inline_hashes(text) for text in texts.values()))
    requested = yaml.safe_load((site.root / "data/allowed_hosts.yml").read_text(encoding="utf-8"))["requested"]
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, requested)}">'
            '<meta name="referrer" content="strict-origin-when-cross-origin">')
    for path, text in texts.items():
        if CHARSET not in text:
            continue
        path.write_text(text.replace(CHARSET, CHARSET + meta, 1), encoding="utf-8")
    site.notes.append(f"Content-Security-Policy on {len(texts)} pages, {len(hashes)} inline script hashes")
