"""Point the theme's run-time CDN requests at copies the hub ships, so readers never contact unpkg.

Material's bundle loads Mermaid (for a diagram not drawn at build time) and, on old browsers, a
ResizeObserver polyfill from unpkg.
After the build, each known URL literal in the bundle is replaced by an expression that resolves
the vendored file against the site root (`__md_scope`, set by the theme), which works on the hosted
site, under `mkdocs serve` and from file://. If a URL is not found, the theme changed: the build
warns so the mapping is updated instead of silently calling the CDN again.
"""
import json
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("self_host")

VENDORED = {
    # A loader that imports Mermaid's ES module build (see the file's comment). Diagrams are drawn
    # at build time; hooks/diagrams.py ships the loader only for one left to the browser.
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/javascripts/mermaid-loader.js",
    "https://unpkg.com/resize-observer-polyfill": "assets/javascripts/vendor/resize-observer.js",
}


def on_post_build(config):
    bundles = list(Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        log.warning("Expected one Material bundle in %s, found %d.", config.site_dir, len(bundles))
        return
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for url, local in VENDORED.items():
        literal = json.dumps(url)
        if literal not in text:
            log.warning("%s no longer contains %s: update VENDORED in hooks/self_host.py.", bundle.name, url)
            continue
        text = text.replace(literal, f"new URL({json.dumps(local)},__md_scope).href")
    bundle.write_text(text, encoding="utf-8")
