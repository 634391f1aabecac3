"""Bytes on the wire, in Chromium, for the pages of every kind (nexus/pagekinds.py): a cold first
visit stays within its budget (data/budgets.yml), and an instant-navigation click fetches the
target page's HTML and nothing else, which is what tests/test_budgets.py's click budget counts
(and, once, the shared stylesheet of a diagram type the reader has not met yet).

A first visit is the page's HTML plus what every page loads (the theme's styles and scripts, the
logo, the sitemap for instant navigation): measured here on each kind's typical page and its
heaviest by bytes, and extrapolated to every page from its own HTML."""
import re

import yaml

from nexus import ROOT, pagekinds
from nexus.browser import PHONE, mark_document, new_context, same_document
from nexus.site.diagrams import SHEETS

BUDGETS = yaml.safe_load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))["pages"]


def first_visit(browser, server, path):
    """Bytes (gzip, from the server's own log) and files of a cold first visit to path."""
    context = new_context(browser, **PHONE)
    page = context.new_page()
    mark = len(server.log)
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    mark_document(page)                  # late start-up requests: the sitemap for instant navigation
    page.wait_for_load_state("networkidle")
    log = server.log[mark:]
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked
    return sum(size for _, _, size in log), {path: size for path, _, size in log}


SHEET = re.compile(r'<link rel="stylesheet" href="[^"]*(' + SHEETS + r'/[^"/]+\.css)">')


def diagram_sheets(site, page) -> int:
    """Gzipped bytes of the diagram stylesheets a page links (nexus/site/diagrams.py): loaded by
    that page, not by every page."""
    html = (site / page.path / "index.html").read_text(encoding="utf-8")
    return sum(pagekinds.gzip_size((site / sheet).read_bytes()) for sheet in set(SHEET.findall(html)))


def test_first_visit_to_every_kind_of_page_stays_within_budget(browser, server, site):
    chosen = {page.path: page for kind, roles in pagekinds.chosen(site).items()
              for role, page in roles.items() if role in ("typical", "most bytes")}
    measured, shared = {}, set()
    for path, page in chosen.items():
        total, files = first_visit(browser, server, path)
        measured[path] = total
        shared.add(total - page.html_gzip - sum(size for file, size in files.items() if f"/{SHEETS}/" in file))
    over = {path: total for path, total in measured.items() if total > BUDGETS["first_visit_bytes"]}
    assert not over, f"first visits over {BUDGETS['first_visit_bytes']} bytes: {over}"
    # Every page: its own HTML and diagram stylesheets, plus the most that the measured pages loaded
    # besides theirs.
    rest = max(shared)
    weight = {page.path: page.html_gzip + diagram_sheets(site, page) + rest for page in pagekinds.pages(site)}
    extrapolated = [f"{path} {total / 1024:.1f} KB" for path, total in weight.items()
                    if total > BUDGETS["first_visit_bytes"]]
    assert not extrapolated, f"first visits over budget (HTML + {rest} shared bytes): {extrapolated}"


def test_a_click_fetches_the_target_page_html_only(page, server, site):
    """What tests/test_budgets.py counts for a click is what the browser fetches: from each kind's
    typical page, the footer's next link."""
    weights = {p.path: p for p in pagekinds.pages(site)}
    for roles in pagekinds.chosen(site).values():
        if not roles:
            continue
        start = len(server.log)
        # The mouse stays where the last click left it: over a link of the next page, it would
        # prefetch that link on load, before the click is counted (instant navigation's hover).
        page.mouse.move(0, 0)
        page.goto(server.url + roles["typical"].path)
        link = page.locator("a.md-footer__link--next")
        if not link.count():
            continue
        mark_document(page)
        target = page.evaluate("a => new URL(a.href).pathname", link.element_handle())
        mark = len(server.log)
        link.click()
        page.wait_for_url(re.compile(re.escape(target) + "$"))
        page.wait_for_load_state("networkidle")
        assert same_document(page), "the click caused a full page load"
        # The test's request guard turns the HTTP cache off: what the first visit loaded (the logo)
        # is loaded again here, where a reader's browser has it cached. A prefetch on hover is
        # the same file as the click's.
        cached = {path for path, _, _ in server.log[start:mark]}
        # A HEAD or an aborted response carries no bytes: only what was downloaded counts.
        fetched = {(path, size) for path, _, size in server.log[mark:] if path not in cached and size}
        expected = weights[target[len(server.prefix):]].html_gzip
        # A diagram type's shared rules (nexus/site/diagrams.py): a file the reader's browser keeps,
        # fetched with the first page of that type only, and only by a page that links it.
        html = (site / target[len(server.prefix):] / "index.html").read_text(encoding="utf-8")
        sheets = {(path, size) for path, size in fetched
                  if f"/{SHEETS}/" in path and path.rsplit("/", 1)[-1] in html}
        assert fetched - sheets == {(target, expected)}, \
            f"a click to {target} fetched {sorted(fetched)}, not its HTML ({expected} bytes)"
