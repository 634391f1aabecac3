"""Browser fixtures: the built site served gzipped on 127.0.0.1, and Chromium through Playwright.

Every request to a host other than 127.0.0.1 is blocked and recorded; a test fails if its page
tried one. The only tolerated host is api.github.com (Material's repository facts), which is
blocked too, so the tests never touch the network.
"""
import pytest

import os

from nexus.browser import new_context
from nexus.chromium import ARGS, chromium_executable
from nexus.server import site_prefix
from nexus.server import SiteServer, free_port
from nexus import ROOT
from nexus.build import build


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory):
    """The hub built for the port it will be served on, so instant navigation works."""
    port = free_port()
    dest = tmp_path_factory.mktemp("browser") / "site"
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}{site_prefix()}"
    try:
        result = build(ROOT, dest)
    finally:
        del os.environ["SITE_URL"]
    assert result.returncode == 0, result.stdout + result.stderr
    return dest, port


@pytest.fixture(scope="session")
def site(browser_site):
    return browser_site[0]


@pytest.fixture(scope="session")
def server(browser_site):
    dest, port = browser_site
    with SiteServer(dest, site_prefix(), port=port) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_executable(), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser):
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    yield context
    blocked = context.guard.blocked
    context.close()
    assert not blocked, f"pages tried third-party requests: {blocked}"


@pytest.fixture
def page(context):
    return context.new_page()
