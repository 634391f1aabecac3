"""After the build: keep data/diagrams/ to the diagrams the pages use, move the style rules the
diagrams of a type share into one cached stylesheet per type, and ship Mermaid only when a page
left a diagram for the browser to draw (a new one on a machine without Chromium)."""
import html
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

from nexus.checks import diagrams

USED = re.compile(r'id="mermaid-([0-9a-f]{16})')
LEFT = '<pre class="mermaid">'
LOADER = "assets/javascripts/mermaid-loader.js"


def run(site):
    pages = {path: path.read_text(encoding="utf-8") for path in site.pages()}
    used = {key for text in pages.values() for key in USED.findall(text)}
    left = [path for path, text in pages.items() if LEFT in text]
    if used and not site.partial and diagrams.cache_dir(site.root).is_dir():
        diagrams.prune(used, site.root)
    if used and not site.partial:
        share_styles(site, pages)
    if not left:
        (site.folder / LOADER).unlink(missing_ok=True)
        return
    _ship_mermaid(site)


def _ship_mermaid(site):
    """The stand-in Material calls for Mermaid, and the Mermaid builds it imports (online, file://)."""
    mermaid = diagrams.mermaid_dir(site.root)
    dist = mermaid / "dist"
    target = site.folder / "assets/javascripts"
    if not (site.folder / LOADER).is_file():
        shutil.copyfile(site.root / "docs" / LOADER, site.folder / LOADER)
    if not dist.is_dir():
        return
    shutil.copytree(dist / "chunks/mermaid.esm.min", target / "vendor/mermaid/chunks/mermaid.esm.min",
                    dirs_exist_ok=True)
    shutil.copyfile(dist / "mermaid.esm.min.mjs", target / "vendor/mermaid/mermaid.esm.min.mjs")
    shutil.copyfile(dist / "mermaid.min.js", target / "vendor/mermaid.min.js")
    shutil.copyfile(mermaid / "LICENSE", target / "vendor/mermaid.LICENSE.txt")


# Each drawn diagram carries Mermaid's stylesheet for its type, scoped to its own id: 576 bytes
# gzipped on the median page with a diagram, fetched again on every click. The rules two or more
# diagrams of one type share go to that type's stylesheet, cached after the first page that has
# one; each keeps its specificity, as `:is(#_, [type])` counts as an id (the `#_` matches nothing),
# and its place in the order Mermaid wrote them. A rule one diagram alone has (a classDef) stays
# inline. The links go first in the content, before the article: instant navigation carries
# them, and the sanitizer's allowlist for articles need not. Until its sheet has loaded, a diagram is hidden
# (HIDDEN, beside the links; the sheet's !important rule shows it), not drawn in Mermaid's
# unstyled black: a stylesheet that instant navigation inserts does not block rendering. No CSS
# library merges rules across files by specificity and order, so this is written here.
SHEETS = "assets/stylesheets/diagrams"
DRAWN = re.compile(r'<svg id="mermaid-(?P<key>[0-9a-f]{16})"[^>]*?\baria-roledescription="(?P<type>[^"]+)"[^>]*>'
                   r'(?:(?!<style>|</svg>).)*?<style>(?P<css>.*?)</style>', re.S)
CONTENT = re.compile(r'<div class="md-content"[^>]*>')   # the style first in it, as HTML wants
HIDDEN = "<style>.mermaid>svg:is({}){{visibility:hidden}}</style>"   # only the types a sheet shows


def _rules(css: str) -> list[str]:
    """Top-level rules, at-rules with their blocks whole."""
    rules, depth, start = [], 0, 0
    for at, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append(css[start:at + 1])
                start = at + 1
    return rules


def _merged(lists: list[list[str]]) -> list[str] | None:
    """One order that keeps every list's order (each is Mermaid's sheet with rules dropped), or None."""
    after, seen = defaultdict(set), {}
    for rules in lists:
        for rule in rules:
            seen.setdefault(rule, len(seen))
        for first, then in zip(rules, rules[1:]):
            after[first].add(then)
    needs = {rule: 0 for rule in seen}
    for first in after:
        for then in after[first]:
            needs[then] += 1
    ready, order = sorted((r for r, n in needs.items() if n == 0), key=seen.get), []
    while ready:
        rule = ready.pop(0)
        order.append(rule)
        for then in sorted(after[rule], key=seen.get):
            needs[then] -= 1
            if needs[then] == 0:
                ready.append(then)
        ready.sort(key=seen.get)
    return order if len(order) == len(seen) else None


def share_styles(site, pages):
    drawn = defaultdict(dict)   # type -> key -> rules with the scope as "#D"
    for text in pages.values():
        for match in DRAWN.finditer(text):
            scope = f"#mermaid-{match['key']}"
            rules = _rules(html.unescape(match["css"]))
            drawn[match["type"]][match["key"]] = [rule.replace(scope, "#D") for rule in rules]
    shared = {}   # type -> its rules in its sheet
    shutil.rmtree(site.folder / SHEETS, ignore_errors=True)
    for kind, by_key in sorted(drawn.items()):
        count = defaultdict(int)
        for rules in by_key.values():
            for rule in set(rules):
                count[rule] += 1
        order = _merged([[rule for rule in rules if count[rule] > 1] for rules in by_key.values()])
        if order is None:
            site.problem(f"{SHEETS}/{kind}.css", f"the {kind} diagrams' style rules have no common order: left inline",
                         "diagrams")
        if not order:
            continue
        shared[kind] = set(order)
        scope = f'[aria-roledescription="{kind}"]'
        sheet = [f".mermaid>svg{scope}{{visibility:visible!important}}"]
        sheet += [rule.replace("#D", f":is(#_,{scope})") for rule in order]
        (site.folder / SHEETS).mkdir(parents=True, exist_ok=True)
        (site.folder / SHEETS / f"{kind}.css").write_text("".join(sheet) + "\n", encoding="utf-8")

    def inline(match):
        kind, scope = match["type"], f"#mermaid-{match['key']}"
        keep = shared.get(kind, set())
        rest = "".join(rule.replace("#D", scope) for rule in drawn[kind][match["key"]] if rule not in keep)
        opening = match[0][:match.start("css") - match.start()]
        return (opening + html.escape(rest, quote=False) + "</style>") if rest else opening[:-len("<style>")]

    for path, text in pages.items():
        kinds = sorted({match["type"] for match in DRAWN.finditer(text)} & set(shared))
        if not kinds:
            continue
        hidden = HIDDEN.format(",".join(f'[aria-roledescription="{kind}"]' for kind in kinds))
        folder = Path(os.path.relpath(site.folder / SHEETS, path.parent)).as_posix()
        links = "".join(f'<link rel="stylesheet" href="{folder}/{kind}.css">' for kind in kinds)
        new = DRAWN.sub(inline, text)
        at = CONTENT.search(new).end()
        path.write_text(new[:at] + hidden + links + new[at:], encoding="utf-8")
