"""The pull-request preview (`make preview`) works when a contributor opens it from the file system."""
import subprocess
import sys

import pytest

from nexus import ROOT


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    out = tmp_path_factory.mktemp("preview")
    result = subprocess.run([sys.executable, "-m", "nexus", "preview", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site-preview"


def test_the_preview_carries_the_policy(preview):
    """Chromium honours a policy on file:// (nexus/site/csp.py): the preview a reviewer opens has
    the hosted site's, and the browser tests below fail on anything it blocks."""
    for page in ("index.html", "concepts/caching.html", "tech/graphql.html"):
        head = (preview / page).read_text(encoding="utf-8").split("<script", 1)[0]
        assert "Content-Security-Policy" in head and "default-src 'none'" in head, page


def test_preview_opens_every_section_from_file_urls_and_searches(context, preview):
    page = context.new_page()
    page.goto((preview / "index.html").as_uri())
    tabs = page.eval_on_selector_all("a.md-tabs__link", "links => links.map(a => a.href)")
    assert len(tabs) >= 7, tabs   # Home, path, tech, concepts, challenges, practices, collab, ...
    for tab in tabs:
        # A directory URL would show the browser's folder listing instead of the page.
        assert tab.startswith("file://") and tab.split("#")[0].endswith(".html"), tab
        page.goto(tab)
        assert page.locator("article h1").count() == 1, f"{tab} shows no page"
        inner = page.eval_on_selector_all("article a[href$='.html']", "links => links.map(a => a.href)")
        if inner:
            page.goto(inner[0])
            assert page.locator("article h1").count() == 1, f"{inner[0]} (linked from {tab}) shows no page"
    page.goto((preview / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("select_related")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    first = page.locator("a.md-search-result__link").first.get_attribute("href")
    assert ".html" in first, first
