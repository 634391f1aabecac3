"""Browser fixtures: the built site served gzipped on 127.0.0.1, and Chromium through Playwright.

Every request to a host other than 127.0.0.1 is blocked and recorded; a test fails if its page
tried one. The only tolerated host is api.github.com (Material's repository facts), which is
blocked too, so the tests never touch the network.
"""
import pytest

from browserlib import chromium_executable, new_context, site_prefix, ARGS
from checks.server import SiteServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(site):
    with SiteServer(site, site_prefix()) as running:
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
