"""The kinds of page in a built site, by rule, and each page's weight (elements, bytes).

A page's kind follows from where it lives (docs/tech/ holds technologies, docs/howto/ recipes,
docs/decisions/ decision guides, ...) and, under api/, from what the build rendered into it (the
OpenAPI contract or the GraphQL schema). New pages join their kind on their first build, so the
benchmarks (scripts/bench.py) and the budget tests (tests/test_budgets.py,
tests/browser/test_layout_shift.py) cover them without a list to keep up to date.

A kind that has no page yet (a section just started) is still listed by kinds(), with no pages.
"""
from __future__ import annotations

import gzip
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

# Folder (first part of the URL path) -> kind. The folder's own index page is a "section index".
FOLDERS = {
    "tech": "technology",
    "concepts": "concept",
    "challenges": "challenge",
    "practices": "practice",
    "troubleshooting": "troubleshooting",
    "howto": "recipe",
    "decisions": "decision guide",
    "path": "learning path",
    "collab": "collaboration",
    "api": "API guide",          # unless the build rendered the contract into it (below)
}
# Pages at the top of the site that are a kind of their own.
SINGLE = {"": "home", "my-learning/": "My learning", "glossary/": "glossary", "tags/": "tags"}
# What the API reference hook writes into a page (nexus/steps/api_reference.py), and the GraphQL SDL's
# title on the page that includes it.
OPENAPI_MARK = 'class="operation-separator'
GRAPHQL_MARK = "contract/schema.graphql"
# Every kind, in the order the benchmark prints them; "other" is a top-level page such as about/.
KINDS = ["home", "technology", "concept", "challenge", "practice", "troubleshooting", "recipe",
         "decision guide", "API reference", "GraphQL reference", "API guide", "learning path",
         "collaboration", "My learning", "glossary", "tags", "section index", "other"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Page:
    path: str           # URL path relative to the site root: "" for home, "tech/celery/"
    kind: str
    elements: int       # elements in the built HTML (before the theme's scripts add theirs)
    html_gzip: int      # the HTML as a gzip-serving host sends it: what an instant-navigation click fetches


class _Counter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def count_elements(html: str) -> int:
    """Elements in an HTML document, as the browser's DOM will hold them (html, head and body
    included, each start tag once)."""
    counter = _Counter()
    counter.feed(html)
    counter.close()
    return counter.count


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip at level 6, as nexus.server (and most static hosts) send them."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kind_of(path: str, html: str) -> str:
    if path in SINGLE:
        return SINGLE[path]
    parts = path.strip("/").split("/")
    if len(parts) == 1:
        return "section index" if parts[0] in FOLDERS else "other"
    folder = parts[0]
    if folder == "api":
        if OPENAPI_MARK in html:
            return "API reference"
        if GRAPHQL_MARK in html:
            return "GraphQL reference"
    return FOLDERS.get(folder, "other")


@lru_cache(maxsize=4)
def _pages(site: str, stamp: float) -> tuple[Page, ...]:
    root = Path(site)
    found = []
    for html_file in sorted(root.rglob("index.html")):
        rel = html_file.parent.relative_to(root).as_posix()
        path = "" if rel == "." else rel + "/"
        raw = html_file.read_bytes()
        html = raw.decode("utf-8")
        found.append(Page(path, kind_of(path, html), count_elements(html), gzip_size(raw)))
    return tuple(found)


def pages(site: Path) -> list[Page]:
    """Every built page (no 404 page, no redirects), with its kind and weight."""
    site = Path(site).resolve()
    return list(_pages(str(site), _stamp(site)))


def _stamp(site: Path) -> float:
    """When the site was last built: cached results are for that build only."""
    return (site / "sitemap.xml").stat().st_mtime if (site / "sitemap.xml").exists() else 0


def kinds(site: Path) -> dict[str, list[Page]]:
    """Kind -> its pages (possibly none), in KINDS order."""
    grouped = {kind: [] for kind in KINDS}
    for page in pages(site):
        grouped.setdefault(page.kind, []).append(page)
    return grouped


def typical(group: list[Page]) -> Page | None:
    """The page of median weight (elements) in a kind: one page that stands for the kind."""
    if not group:
        return None
    ordered = sorted(group, key=lambda page: (page.elements, page.path))
    return ordered[(len(ordered) - 1) // 2]


def chosen(site: Path, kinds_wanted=None) -> dict[str, dict[str, Page]]:
    """Kind -> {"typical", "most elements", "most bytes"} pages (the same page may hold several
    roles; a kind with no page maps to {})."""
    picked = {}
    for kind, group in kinds(site).items():
        if kinds_wanted is not None and kind not in kinds_wanted:
            continue
        if not group:
            picked[kind] = {}
            continue
        picked[kind] = {"typical": typical(group),
                        "most elements": max(group, key=lambda page: (page.elements, page.path)),
                        "most bytes": max(group, key=lambda page: (page.html_gzip, page.path))}
    return picked


def distinct(picked: dict[str, dict[str, Page]]) -> list[Page]:
    """The chosen pages, each once, in kind order."""
    seen, out = set(), []
    for roles in picked.values():
        for page in roles.values():
            if page.path not in seen:
                seen.add(page.path)
                out.append(page)
    return out


def median_click_bytes(site: Path) -> int:
    """Median bytes an instant-navigation click fetches: the target page's gzipped HTML, over
    every page as a target."""
    return int(statistics.median(page.html_gzip for page in pages(site)))


CLASSED = re.compile(r'<([a-zA-Z][\w-]*)\b[^>]*?\bclass="([^"]*)"')


def styled_sample(site: Path) -> list[str]:
    """A few pages that between them show every style the site has: each kind's chosen pages
    (the theme's frame, with each section's navigation open) and the fewest pages whose articles
    together use every (element, class) pair that any article uses (greedy set cover: code
    highlighting, admonitions, diagrams, widgets). For checks that read styles only, such as
    colour contrast in the dark scheme, these stand for the whole site. Once per build."""
    site = Path(site).resolve()
    return list(_styled_sample(str(site), _stamp(site)))


@lru_cache(maxsize=4)
def _styled_sample(site: str, stamp: float) -> tuple[str, ...]:
    site = Path(site)
    uses = {}
    for page in pages(site):
        html = (site / page.path / "index.html").read_text(encoding="utf-8")
        start = html.find("<article")
        article = html[start:html.find("</article>", start)] if start >= 0 else ""
        uses[page.path] = {(tag.lower(), name) for tag, names in CLASSED.findall(article) for name in names.split()}
    left = set().union(*uses.values()) if uses else set()
    picked = {page.path for page in distinct(chosen(site))}
    for path in picked:
        left -= uses.get(path, set())
    while left:
        best = max(sorted(uses), key=lambda path: len(uses[path] & left))
        picked.add(best)
        left -= uses[best]
    return tuple(sorted(picked))
