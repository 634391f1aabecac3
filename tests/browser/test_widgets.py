"""Content widgets work: code copy, tabs, Mermaid without a CDN, tooltips, progress ticks,
and the challenge filter."""
import re

from browserlib import MERMAID_RENDERED as RENDERED
from browserlib import first_page_with


def test_copy_button_copies_the_code(browser, server, site):
    from browserlib import new_context
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url + first_page_with(site, 'highlight"><pre'))
    block = page.locator("div.highlight").first
    block.hover()
    block.locator("button.md-code__button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    code = block.locator("code").inner_text()
    assert copied.strip() and copied.strip() == code.strip()
    assert not context.guard.blocked
    context.close()


def test_tabs_switch(page, server, site):
    page.goto(server.url + first_page_with(site, 'class="tabbed-set'))
    tabs = page.locator(".tabbed-set").first
    labels = tabs.locator(".tabbed-labels > label")
    assert labels.count() >= 2
    labels.nth(1).click()
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    assert blocks.nth(1).is_visible()
    assert not blocks.nth(0).is_visible()


def test_mermaid_renders_to_svg_from_the_hub_itself(page, server, site):
    """Material draws each diagram as SVG inside a closed shadow root, so the test checks that
    the host element got the diagram's size, and that Mermaid came from the hub as ES modules
    (the chunks a page needs), not as the 3.5 MB classic bundle."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + first_page_with(site, 'class="mermaid"'))
    page.wait_for_function(RENDERED, timeout=15_000)
    assert any(url.endswith("vendor/mermaid/mermaid.esm.min.mjs") for url in requests)
    assert not any(url.endswith("vendor/mermaid.min.js") for url in requests)
    assert not [url for url in requests if not url.startswith(server.url) and "api.github.com" not in url]


def test_mermaid_after_instant_navigation(page, server, site):
    target = first_page_with(site, 'class="mermaid"')
    folder = target.split("/")[0] + "/"
    page.goto(server.url + folder)
    page.evaluate("window.__nexusMarker = 1")
    page.locator(f"article a[href$='{target[len(folder):]}']").first.click()
    page.wait_for_url(server.url + target)
    page.wait_for_function(RENDERED, timeout=15_000)
    assert page.evaluate("window.__nexusMarker") == 1, "expected an instant navigation, got a full load"


def test_abbreviation_tooltip_appears(page, server, site):
    page.goto(server.url + first_page_with(site, "<abbr title="))
    abbr = page.locator("article abbr[title]").first
    title = abbr.get_attribute("title")
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert title in tooltip.inner_text()


def test_progress_ticks_survive_a_reload(page, server):
    page.goto(server.url + "path/month-1/")
    boxes = page.locator("article .task-list-item input[type=checkbox]")
    # A reader taps the drawn tick (the indicator's ::before), which sits on the hidden input;
    # force=True clicks there without Playwright's check that the input itself is uncovered.
    ticks = page.locator("article .task-list-item input[type=checkbox]")
    assert boxes.count() >= 3
    assert boxes.first.is_enabled()
    ticks.nth(0).click(force=True)
    ticks.nth(2).click(force=True)
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked()
    assert not boxes.nth(1).is_checked()
    ticks.nth(0).click(force=True)
    page.reload()
    assert not boxes.nth(0).is_checked() and boxes.nth(2).is_checked()


def test_challenge_table_filters_by_technology(page, server):
    page.goto(server.url + "challenges/")
    rows = page.locator("#challenge-table tbody tr")
    total = rows.count()
    assert total >= 13
    page.select_option("#challenge-filter", "celery")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all("celery" in r.locator("td").last.inner_text() for r in visible)
    assert re.match(rf"{len(visible)} challenges?", page.locator(".nexus-filter__count").inner_text())
    page.select_option("#challenge-filter", "")
    assert len([r for r in rows.all() if r.is_visible()]) == total
