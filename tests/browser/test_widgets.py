"""Content widgets work: code copy, tabs, diagrams drawn at build time, tooltips, progress ticks,
and the challenge filter."""
import re

from nexus.browser import MERMAID_RENDERED as RENDERED
from nexus.browser import first_page_with, mark_document, same_document


def test_copy_button_copies_the_code(browser, server, site):
    from nexus.browser import new_context
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
    labels = tabs.locator(":scope > .tabbed-labels > label")   # not the labels of tabs nested inside
    assert labels.count() >= 2
    labels.nth(1).click()
    blocks = tabs.locator(":scope > .tabbed-content > .tabbed-block")
    assert blocks.nth(1).is_visible()
    assert not blocks.nth(0).is_visible()


def test_diagrams_arrive_drawn_and_no_mermaid_is_loaded(page, server, site):
    """Diagrams are inline SVG drawn at build time: the page requests no Mermaid at all, and each
    diagram has an accessible name."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + first_page_with(site, 'class="mermaid"'))
    page.wait_for_load_state("networkidle")
    assert page.evaluate(RENDERED)
    assert not [url for url in requests if "mermaid" in url.rsplit("/", 1)[-1]], requests
    svg = page.locator("div.mermaid > svg").first
    assert svg.evaluate("e => getComputedStyle(e).visibility") == "visible", "its shared stylesheet did not load"
    assert svg.get_attribute("role") == "img"
    assert svg.locator("title").text_content().startswith("Diagram: ")
    assert svg.locator("text, foreignObject").count(), "labels should stay text"


def test_diagrams_look_the_same_with_their_styles_shared(page, server, site):
    """The style rules diagrams of one type share come from one stylesheet (nexus/site/diagrams.py).
    Each diagram, on every page, in both colour schemes, is pixel for pixel what the stylesheet
    Mermaid drew it with gives alone: the SVG as drawn (data/diagrams/), swapped in with the shared
    sheets removed."""
    from nexus import ROOT
    from nexus.browser import all_pages
    from nexus.checks.diagrams import cache_dir
    from nexus.site.diagrams import SHEETS
    schemes = ["default", "slate"]

    def shots():
        out = []
        for scheme in schemes:
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            out += [d.screenshot(animations="disabled") for d in page.locator("div.mermaid").all()]
        return out
    pages = [path for path in all_pages(site)
             if '<div class="mermaid"><svg' in (site / path / "index.html").read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        page.goto(server.url + path, wait_until="load")
        # The sticky header and the back-to-top button would paint over a diagram scrolled under them.
        page.add_style_tag(content=".md-header, .md-tabs, .md-top { visibility: hidden !important; }")
        shared = shots()
        for key in page.eval_on_selector_all("div.mermaid > svg", "all => all.map(s => s.id)"):
            drawn = (cache_dir(ROOT) / f"{key.removeprefix('mermaid-')}.svg").read_text(encoding="utf-8")
            page.evaluate("([id, svg]) => { document.getElementById(id).outerHTML = svg }", [key, drawn])
        added = f'.md-content > style, link[href*="{SHEETS}/"]'   # what nexus/site/diagrams.py added
        page.evaluate("s => document.querySelectorAll(s).forEach(e => e.remove())", added)
        alone = shots()
        assert len(shared) == len(alone) > 0, path
        assert [a == b for a, b in zip(shared, alone)] == [True] * len(shared), f"{path}: a diagram looks different"


def test_diagram_follows_the_palette_toggle_without_a_reload(page, server, site):
    page.goto(server.url + first_page_with(site, 'class="nodeLabel"'))
    mark_document(page)
    node = "getComputedStyle(document.querySelector('div.mermaid .nodeLabel')).color"   # label text
    scheme = "document.body.dataset.mdColorScheme"
    light = page.evaluate(node)
    assert page.evaluate(scheme) == "default"
    for _ in range(3):   # auto -> light -> dark
        if page.evaluate(scheme) == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate(node) != light
    assert same_document(page), "the page reloaded"


def test_widest_diagram_fits_a_360px_phone_and_prints(browser, server, site):
    from nexus.browser import all_pages, new_context

    def widest(path):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        return max((float(w) for w in re.findall(r'<svg id="mermaid-[^"]*"[^>]*max-width:\s*([\d.]+)px', html)),
                   default=0)
    path = max(all_pages(site), key=widest)
    context = new_context(browser, viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    box = page.locator("div.mermaid > svg").first.bounding_box()
    assert 0 < box["width"] <= 360 and box["height"] > 0
    page.emulate_media(media="print")
    assert page.locator("div.mermaid > svg").first.bounding_box()["height"] > 0
    context.close()


def test_mermaid_after_instant_navigation(page, server, site):
    target = first_page_with(site, 'class="mermaid"')
    folder = target.split("/")[0] + "/"
    page.goto(server.url + folder)
    mark_document(page)
    page.locator(f"article a[href$='{target[len(folder):]}']").first.click()
    page.wait_for_url(server.url + target)
    page.wait_for_function(RENDERED, timeout=15_000)
    assert same_document(page), "expected an instant navigation, got a full load"


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
