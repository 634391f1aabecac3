"""axe-core (WCAG 2.2 A/AA plus best practices) finds no violation on any page, light or dark."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from browserlib import MERMAID_RENDERED, all_pages, new_context

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violations(browser, server, site, scheme):
    context = new_context(browser, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    for path in all_pages(site):
        page.goto(server.url + path, wait_until="load")
        page.wait_for_function("typeof document$ !== 'undefined'")   # the theme's scripts ran
        if page.locator("pre.mermaid").count():   # diagrams are drawn after the load event
            page.wait_for_function(MERMAID_RENDERED, timeout=15_000)
        result = AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        for violation in result.response["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            failures.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked
    assert not failures, f"{len(failures)} axe violations in {scheme}:\n" + "\n".join(failures)
