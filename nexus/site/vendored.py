"""Point the theme's run-time CDN requests at copies the hub ships, so readers never contact a CDN.

Material's bundle loads Mermaid (for a diagram not drawn at build time) and, on old browsers, a
ResizeObserver polyfill from unpkg. Each URL literal listed under `rewritten` in
data/allowed_hosts.yml is replaced by an expression that resolves the hub's copy against the site
root (`__md_scope`, set by the theme), which works on the hosted site, under `mkdocs serve` and
from file://. A CDN URL that is neither rewritten nor listed as `dormant` is a problem: the theme
changed, and the list must follow it.
"""
import json
import re

from nexus import yamlio


def run(site):
    hosts = yamlio.load((site.root / "data/allowed_hosts.yml").read_text(encoding="utf-8"))
    cdn = re.compile(r'"(https://(?:' + "|".join(map(re.escape, hosts["cdn"])) + r')/[^"]*)"')
    known = set(hosts.get("dormant") or {})
    bundles = sorted((site.folder / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        site.problem("mkdocs.yml", "no theme bundle (assets/javascripts/bundle.*.min.js) in the built site", "vendored")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        for url, local in hosts["rewritten"].items():
            text = text.replace(json.dumps(url), f"new URL({json.dumps(local)},__md_scope).href")
        for url in sorted(set(cdn.findall(text)) - known):
            site.problem("mkdocs.yml", f"{bundle.name} requests {url} at run time: vendor it in nexus/site/vendored.py",
                         "vendored")
        bundle.write_text(text, encoding="utf-8")
