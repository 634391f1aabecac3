"""axe-core (WCAG 2.2 A/AA plus best practices) finds no violation on any page in the light scheme,
and none in the dark scheme or at other desktop sizes on pages that show every style the site has."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from nexus import pagekinds
from nexus.browser import MERMAID_RENDERED, all_pages, new_context

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# axe details only the violations (every violation is still reported): half the time per page.
VIOLATIONS = ["violations"]
# Three passes. The whole rule set runs once, on every page. A colour scheme changes only colours,
# so the dark pass runs the rules that read them; target size depends on the layout, so it also
# runs at other common desktop sizes: at 1280x720 Material's sidebar once hid links under its
# pinned section link (WCAG 2.2 2.5.8; docs/assets/stylesheets/extra.css). Those two read styles
# only, so they run on the pages that between them use every style (pagekinds.styled_sample: each
# kind's chosen pages and a cover of every element and class any article uses: 43 of 161 pages on
# 2026-12-06, when that took the dark pass from 376 s to 82 s and the target-size pass from 141 s
# to 36 s of a CI run limited to thirty minutes).
PASSES = {
    "light-1280x720-all": ("light", (1280, 720), None, "every page"),
    "dark-1440x900-colours": ("dark", (1440, 900), ["color-contrast", "link-in-text-block", "target-size"], "sample"),
    "light-1280x900-target-size": ("light", (1280, 900), ["target-size"], "sample"),
}


@pytest.mark.parametrize("name", PASSES)
def test_every_page_has_no_axe_violations(browser, server, site, name):
    scheme, (width, height), rules, pages = PASSES[name]
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    context = new_context(browser, color_scheme=scheme, viewport={"width": width, "height": height})
    page = context.new_page()
    failures = []
    for path in all_pages(site) if pages == "every page" else pagekinds.styled_sample(site):
        page.goto(server.url + path, wait_until="load")
        # The theme's scripts ran. Diagrams need no wait: they arrive drawn, as inline SVG.
        page.wait_for_function("() => typeof document$ !== 'undefined'")
        result = AXE.run(page, options={"runOnly": run_only, "resultTypes": VIOLATIONS})
        for violation in result.response["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            failures.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked
    assert not failures, f"{len(failures)} axe violations in {name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_self_check_and_my_learning_have_no_axe_violations(browser, server, scheme):
    """The states a reader reaches after using them: feedback shown, a score, saved data listed."""
    context = new_context(browser, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "concepts/generators/", wait_until="load")
    page.wait_for_selector(".nexus-selfcheck.is-js")
    page.locator("label[for='sc-first-pulls-one-1']").click()
    page.locator("#sc-first-pulls-one .nexus-q__check").click()
    page.locator("label[for='sc-what-works-on-a-generator-0']").click()
    page.locator("#sc-what-works-on-a-generator .nexus-q__check").click()
    page.locator("#sc-generator-life .nexus-q__check").click()       # the "give every step" message
    page.locator(".nexus-save").click()
    page.locator(".nexus-notes summary").click()
    page.fill("#nexus-note", "A note.")
    page.locator("#nexus-note").blur()
    page.wait_for_function(MERMAID_RENDERED, timeout=15_000)
    # Back at the top, where the header is at rest: scrolled down, Material fades its tabs and
    # title in and out, and axe would measure text in mid-transition.
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(600)
    failures = [(v["id"], [n["target"] for n in v["nodes"][:3]])
                for v in AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": VIOLATIONS}).response["violations"]]
    page.goto(server.url + "my-learning/", wait_until="load")
    page.wait_for_selector("#nexus-scores li")
    page.click("#nexus-clear")                                        # the confirmation showing
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(600)
    failures += [(v["id"], [n["target"] for n in v["nodes"][:3]])
                 for v in AXE.run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": VIOLATIONS}).response["violations"]]
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked
    assert not failures, failures
