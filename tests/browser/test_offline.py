"""The offline copy works from file:// with the network blocked: search, links and diagrams."""
import subprocess
import sys
import zipfile

import pytest

from browserlib import MERMAID_RENDERED
from helpers import ROOT
from scripts.offline import BUDGET


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory):
    bundle = ROOT / "project-nexus-offline.zip"
    result = subprocess.run([sys.executable, "scripts/offline.py"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert bundle.stat().st_size <= BUDGET, f"offline bundle is {bundle.stat().st_size} bytes"
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(dest)
    return dest / "project-nexus"


def test_offline_copy_searches_links_and_draws_diagrams(context, offline_root):
    page = context.new_page()
    page.goto((offline_root / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("celery")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    href = page.locator("a.md-search-result__link").first.get_attribute("href")
    assert href.split("?")[0].split("#")[0].endswith(".html"), href
    page.keyboard.press("Escape")
    page.goto((offline_root / "concepts" / "index.html").as_uri())
    page.locator("article a[href$='caching.html']").first.click()
    page.wait_for_url("**/concepts/caching.html")
    page.wait_for_function(MERMAID_RENDERED, timeout=15_000)
