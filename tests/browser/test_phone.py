"""At phone width (375 px): the drawer opens, search works, and no page scrolls sideways."""
import pytest

from nexus import pagekinds
from nexus.browser import all_pages, new_context

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


@pytest.fixture
def phone(browser):
    context = new_context(browser, **PHONE)
    yield context.new_page()
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked


def test_drawer_opens_and_search_works(phone, server):
    phone.goto(server.url)
    phone.click("label.md-header__button[for='__drawer']")
    phone.wait_for_selector("nav.md-nav--primary", state="visible")
    assert phone.locator("nav.md-nav--primary a", has_text="Concepts").first.is_visible()
    phone.keyboard.press("Escape")
    phone.goto(server.url)
    phone.click("label.md-header__button[for='__search']")
    phone.fill("input.md-search__input", "celery")
    # fill() sends no key event, and the theme searches on keyup (or on becoming ready): a reader's
    # last key, which fill() alone left out whenever search was ready first.
    phone.keyboard.press("End")
    phone.wait_for_selector(".md-search-result__item", timeout=10_000)


# Every page took 142 s of `make test` (2026-12-07): there, the pages that show every style the
# site has (code, tables, diagrams, widgets: what overflows); every page in the sweep.
@pytest.mark.parametrize("pages", ["sample", pytest.param("every page", marks=pytest.mark.sweep)])
def test_no_page_scrolls_sideways(phone, server, site, pages):
    wide = []
    for path in all_pages(site) if pages == "every page" else pagekinds.styled_sample(site):
        phone.goto(server.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{path} ({overflow}px)")
    assert not wide, "pages wider than the phone: " + ", ".join(wide)
