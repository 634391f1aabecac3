"""A Content-Security-Policy on every built page: the second line of defence behind the sanitizer
(nexus/steps/sanitize.py), which removes any script from page content.

GitHub Pages can't send headers, so the policy is a <meta http-equiv> right after <meta charset>
(which must stay in the first 1024 bytes), before any script. Scripts run from the hub's files,
and inline only if they are one of the theme's: Material and Zensical keep every inline script in
partials/javascripts/, and so does the hub (overrides/partials/javascripts/). Those templates are
rendered here for each base_url a page of the site can have, and hashed; nothing a page contains
(a stray </article>, a script inside a diagram) can get itself allowed. The built pages only
narrow that set to the hashes some page uses (the theme's announce, consent and outdated banners
are off): two, the theme's first script, one text at every folder depth, and its palette script.
Each hash is 33 bytes that gzip cannot shrink, on every page a click fetches.
One policy for the whole site, because instant navigation runs a later page's scripts under the
first page's policy.

The offline copy and the pull-request preview, opened from file://, carry the same policy:
Chromium honours it there, and 'self' means the page's folder and those around it
(scripts/csp_file_probe.py). Their search worker runs in a frame (docs/assets/javascripts/
iframe-worker.js) that loads files only, since the frame inherits the policy. Not applied to
`mkdocs serve`: its live-reload script is added per response.
"""
import base64
import hashlib
import importlib.util
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from nexus import config, yamlio

# An inline script: no src, no type; data-* attributes only (the theme's base script reads its
# scope from one, so one text serves every folder depth: overrides/partials/javascripts/base.html).
INLINE = re.compile(r'<script(?:\s+data-[\w-]+="[^"<>]*")*>(?P<body>.*?)</script>', re.DOTALL)
CHARSET = '<meta charset="utf-8">'
SCRIPTS = "partials/javascripts"


def _theme(engine: str) -> Path:
    package = "zensical" if engine == "zensical" else "material"
    return Path(importlib.util.find_spec(package).origin).parent / "templates"


def template_scripts(root: Path, engine: str) -> dict[str, str]:
    """The templates that may write inline scripts: the theme's partials/javascripts/, with the
    hub's own of the same name in their place (as the theme loader picks them)."""
    found = {path.name: path for path in sorted((_theme(engine) / SCRIPTS).glob("*.html"))}
    found.update({path.name: path for path in sorted((root / "overrides" / SCRIPTS).glob("*.html"))})
    return {name: path.read_text(encoding="utf-8") for name, path in found.items()}


def base_urls(site) -> set[str]:
    """Every base_url the engine gives a page: relative to each folder depth of the site
    ("." at the top, then "..", "../.."), and 404.html's absolute one (site_url's path, which
    Zensical writes without its last slash), since a 404 is served from any depth."""
    depths = {len(path.relative_to(site.folder).parts) - 1 for path in site.pages()}
    absolute = urlsplit(config.site_url(site.root)).path or "/"
    return {"/".join([".."] * depth) or "." for depth in depths} | {absolute, absolute.rstrip("/") or "/"}


def source_hash(script: str) -> str:
    """A script-src source expression that allows this inline script (CSP's sha256 form)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def theme_hashes(site) -> set[str]:
    env = jinja2.Environment()
    urls = base_urls(site)
    return {source_hash(env.from_string(match["body"]).render(config={"extra": {}}, base_url=base_url))
            for text in template_scripts(site.root, site.engine).values()
            for match in INLINE.finditer(text) for base_url in urls}


def policy(hashes: set[str], requested) -> str:
    directives = [
        # Deny by default: anything not named below (media, frames, manifests...) loads from nowhere.
        "default-src 'none'",
        # Scripts: the hub's own files, and the theme's inline scripts by hash. No 'unsafe-inline',
        # no eval, no other origin. The search worker and the engine it imports: the hub's files.
        "script-src 'self' " + " ".join(sorted(hashes)),
        "worker-src 'self'",
        # fetch/XHR: the search index and sitemap (instant navigation) from the hub, and the hosts
        # data/allowed_hosts.yml lets pages contact (GitHub's API, for repository facts).
        "connect-src 'self' " + " ".join(f"https://{host}" for host in sorted(requested)),
        # Stylesheets from the hub. Inline: the diagrams' SVG carries its own <style>, and tables
        # and diagram labels use style attributes; the sanitizer checks their CSS (no url(), no
        # @import: data/html_allowlist.yml), so this opens no request.
        "style-src 'self' 'unsafe-inline'",
        # The favicon, and the theme's icons: SVG as data: URLs in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        # No plugins (<object>, <embed>), no framed documents: the hub has none (the offline
        # copy's worker frame is about:blank, which no frame-src governs).
        "object-src 'none'",
        "frame-src 'none'",
        # A <base> tag can't point relative URLs (and scripts) at another site.
        "base-uri 'self'",
        # Forms may only submit to the hub (the hub has none; an injected one can't post elsewhere).
        "form-action 'self'",
    ]
    return "; ".join(directives)


def used(texts) -> set[str]:
    """The hashes of the inline scripts the built pages carry."""
    return {source_hash(match["body"]) for text in texts for match in INLINE.finditer(text)}


def run(site):
    if site.serve:
        return
    pages = {path: path.read_text(encoding="utf-8") for path in site.pages()}
    hashes = theme_hashes(site) & used(pages.values())
    requested = yamlio.load((site.root / "data/allowed_hosts.yml").read_text(encoding="utf-8"))["requested"]
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, requested)}">'
            '<meta name="referrer" content="strict-origin-when-cross-origin">')
    for path, text in pages.items():
        if CHARSET in text:
            path.write_text(text.replace(CHARSET, CHARSET + meta, 1), encoding="utf-8")
    site.notes.append(f"Content-Security-Policy on {len(pages)} pages, {len(hashes)} inline script hashes "
                      "from the theme's templates")
