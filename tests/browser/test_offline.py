"""The offline copy works from file:// with the network blocked: search, links and diagrams."""
import subprocess
import sys
import zipfile

import pytest

from nexus.browser import MERMAID_RENDERED, wait_for_first_result
from nexus import ROOT
from nexus.commands.offline import BUDGET


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline-build")
    result = subprocess.run([sys.executable, "-m", "nexus", "offline", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    bundle = out / "project-nexus-offline.zip"
    assert bundle.stat().st_size <= BUDGET, f"offline bundle is {bundle.stat().st_size} bytes"
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(dest)
    return dest / "project-nexus"


def test_offline_copy_searches_links_and_draws_diagrams(context, offline_root):
    page = context.new_page()
    page.goto((offline_root / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("GraphQL")    # the hub's search worker, started through the file:// shim
    wait_for_first_result(page, "tech/graphql.html")
    page.keyboard.press("Escape")
    page.goto((offline_root / "concepts" / "index.html").as_uri())
    page.locator("article a[href$='caching.html']").first.click()
    page.wait_for_url("**/concepts/caching.html")
    page.wait_for_function(MERMAID_RENDERED, timeout=15_000)


def test_offline_copy_keeps_answers_ticks_and_saved_pages(context, offline_root):
    """file:// has its own storage: a self-check, a tick and a saved page survive a reload and
    show on My learning, with links that open the offline pages."""
    page = context.new_page()
    page.goto((offline_root / "concepts" / "generators.html").as_uri())
    page.wait_for_selector(".nexus-selfcheck.is-js")
    page.locator("label[for='sc-second-pass-is-empty-0']").click()
    page.locator("#sc-second-pass-is-empty .nexus-q__check").click()
    page.locator("article .task-list-item input[type=checkbox]").first.click(force=True)
    page.locator(".nexus-save").click()
    page.reload()
    page.wait_for_selector(".nexus-selfcheck.is-js")
    assert page.locator("#sc-second-pass-is-empty .nexus-q__result").inner_text().startswith("Correct.")
    assert page.locator("article .task-list-item input[type=checkbox]").first.is_checked()
    page.goto((offline_root / "my-learning.html").as_uri())
    page.wait_for_selector("#nexus-scores li")
    assert "Generators: 1 of 5 right" in page.locator("#nexus-scores").inner_text()
    saved = page.locator("#nexus-saved a").first
    assert saved.inner_text() == "Generators"
    saved.click()
    page.wait_for_url("**/concepts/generators.html")
