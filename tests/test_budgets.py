"""Page weight budgets (data/budgets.yml, `pages`) on every built page, without a browser: elements
per page, and the bytes an instant-navigation click fetches. Pages are found in the build and
grouped by kind (nexus/pagekinds.py), so a new page or a new kind is held to the budgets from its
first build. The browser side (first-visit bytes, what a click really fetches, layout shift) is in
tests/browser/test_page_weight.py and tests/browser/test_layout_shift.py."""
import yaml

from nexus import ROOT, pagekinds

BUDGETS = yaml.safe_load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))["pages"]


def test_every_page_stays_within_its_element_budget(site):
    over = [f"{page.path or 'home'} ({page.kind}): {page.elements:,} elements"
            for page in pagekinds.pages(site) if page.elements > BUDGETS["elements"]]
    assert not over, f"over {BUDGETS['elements']:,} elements (data/budgets.yml):\n" + "\n".join(over)


def test_every_kind_of_page_is_found(site):
    """The kinds come from folders and from what the build renders: each kind that the hub has
    pages for is found (a folder or the API reference hook that moved would lose one)."""
    grouped = pagekinds.kinds(site)
    for kind in ("home", "technology", "concept", "challenge", "practice", "troubleshooting", "API reference",
                 "GraphQL reference", "learning path", "My learning", "glossary", "tags", "section index"):
        assert grouped[kind], f"no page of the kind {kind!r}: has a folder or the API reference moved?"


def test_the_median_click_stays_within_its_budget(site):
    """An instant-navigation click fetches the target page's HTML and nothing else (checked in
    tests/browser/test_page_weight.py); every page is the target of some click, so the median over
    pages is the median click."""
    median = pagekinds.median_click_bytes(site)
    heaviest = sorted(pagekinds.pages(site), key=lambda page: -page.html_gzip)[:5]
    assert median <= BUDGETS["navigation_click_bytes"], (
        f"a click fetches a median {median / 1024:.1f} KB gzipped (budget "
        f"{BUDGETS['navigation_click_bytes'] / 1024:.1f} KB); heaviest: "
        + ", ".join(f"{page.path} {page.html_gzip / 1024:.1f} KB" for page in heaviest))


def test_no_click_fetches_more_than_its_ceiling(site):
    over = [f"{page.path} {page.html_gzip / 1024:.1f} KB" for page in pagekinds.pages(site)
            if page.html_gzip > BUDGETS["navigation_click_max_bytes"]]
    assert not over, f"pages heavier than {BUDGETS['navigation_click_max_bytes'] / 1024:.0f} KB gzipped: {over}"
