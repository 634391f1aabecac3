"""Browser fixtures: the built site served gzipped on 127.0.0.1, and Chromium through Playwright.

Every request to a host other than 127.0.0.1 is blocked and recorded; a test fails if its page
tried one. The only tolerated host is api.github.com (Material's repository facts), which is
blocked too, so the tests never touch the network.
"""
from urllib.parse import urlsplit

import pytest

from nexus.browser import new_context
from nexus.chromium import ARGS, chromium_executable
from nexus.server import SiteServer, site_prefix, site_url


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(site):
    """The session's one build (tests/conftest.py), served on this process's own port: the server
    rewrites sitemap.xml to that port, so instant navigation works as on the hosted site."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url()))
    with SiteServer(site, site_prefix(), origin=origin) as running:
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
