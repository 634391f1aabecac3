"""Instant navigation, table of contents, back button, 404 page, palette and keyboard use."""
import re

from nexus.browser import MERMAID_RENDERED, mark_document, same_document


def test_instant_navigation_keeps_the_document(page, server):
    page.goto(server.url)
    mark_document(page)
    page.click("a.md-tabs__link[href$='tech/']")
    page.wait_for_url(re.compile(r".*/tech/$"))
    page.wait_for_selector("article h1")
    assert same_document(page), "the click caused a full page load"
    page.go_back()
    page.wait_for_url(server.url)
    assert same_document(page)


def test_table_of_contents_links_scroll_to_headings(page, server):
    page.goto(server.url + "concepts/caching/")
    # Diagrams are drawn after the load event and grow the page above later headings; a reader
    # who clicks before that sees the heading move, whatever the table of contents does.
    page.wait_for_function(MERMAID_RENDERED, timeout=15_000)
    link = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link:visible").nth(1)
    target = "#" + link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    heading = page.locator(target)
    assert heading.is_visible()
    # Material's instant navigation changes the URL first and scrolls in a later step: wait for
    # the heading to arrive near the top (a link that never scrolls times out and fails).
    page.wait_for_function("id => document.getElementById(id).getBoundingClientRect().top < 300",
                           arg=target[1:], timeout=10_000)


def test_unknown_path_shows_the_404_page(page, server):
    response = page.goto(server.url + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("a", has_text="home page").count() == 1


def test_palette_choice_persists_across_pages_and_reload(page, server):
    page.emulate_media(color_scheme="light")
    page.goto(server.url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default", "auto should follow the light OS setting"
    # Auto -> light -> dark: the toggle cycles through the three palettes.
    for _ in range(2):
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    page.click("a.md-tabs__link[href$='concepts/']")
    page.wait_for_url(re.compile(r".*/concepts/$"))
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate"


def test_auto_palette_follows_the_os(browser, server):
    from nexus.browser import new_context
    for os_scheme, expected in (("dark", "slate"), ("light", "default")):
        context = new_context(browser, color_scheme=os_scheme)
        page = context.new_page()
        page.goto(server.url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        context.close()


def test_skip_link_and_visible_focus(page, server):
    page.goto(server.url + "concepts/caching/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "md-skip" in focused, f"first Tab should reach the skip link, got {focused!r}"
    # The skip link is transparent until it has focus; focused, it must fade in and be on screen.
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=2_000)
    top, bottom, width, opacity = page.evaluate(
        "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
        " return [r.top, r.bottom, r.width, getComputedStyle(e).opacity]; })()")
    assert width > 0 and 0 <= top and bottom <= 900 and float(opacity) == 1, \
        f"focused skip link is not visible: top {top}, bottom {bottom}, width {width}, opacity {opacity}"
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return s.outlineStyle + '|' + s.outlineWidth + '|' + s.boxShadow; })()")
    assert not style.startswith("none|") or "rgb" in style, f"no visible focus indicator: {style}"
