"""The Content-Security-Policy (nexus/site/csp.py) blocks nothing the hub needs, and blocks what it should.

Every browser context reports CSP violations as blocked requests (nexus.browser.new_context), so
the accessibility test, which visits every page in both schemes, also proves no page trips the
policy. Here: the policy is on every page, the script-running widgets work under it, and an
inline script in page content is refused.
"""
import os
import re

from nexus.browser import all_pages, first_page_with, new_context
from nexus.server import site_prefix
from nexus.server import SiteServer, free_port
from nexus.build import build
from nexus.repo import copy_repo


def test_every_page_carries_the_policy(site):
    for path in all_pages(site) + ["404.html"]:
        html = (site / path / "index.html" if not path.endswith(".html") else site / path).read_text(encoding="utf-8")
        head = html[:html.index("<script")]
        assert "Content-Security-Policy" in head and "script-src 'self' 'sha256-" in head, f"{path}: no policy before the first script"
        directives = dict(d.strip().split(" ", 1) for d in re.search(r'Security-Policy" content="([^"]*)"', head)[1].split(";"))
        assert directives["default-src"] == "'none'" and directives["object-src"] == "'none'", path
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"], path
        assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in head, path


def test_the_policy_lists_exactly_the_inline_scripts_the_pages_carry(site):
    """Each hash is 33 bytes gzip cannot shrink, on every page a click fetches: the policy lists
    the theme's scripts that some page runs, no more (none of the theme's unused banners), and
    every inline script on every page is among them."""
    from nexus.site import csp
    policies, carried = set(), set()
    for path in all_pages(site) + ["404.html"]:
        html = (site / path / "index.html" if not path.endswith(".html") else site / path).read_text(encoding="utf-8")
        policies.add(re.search(r"script-src 'self' ([^;]*);", html)[1])
        carried |= {csp.source_hash(match["body"]) for match in csp.INLINE.finditer(html)}
    assert len(policies) == 1, "one policy for the whole site: instant navigation keeps the first page's"
    assert set(policies.pop().split()) == carried


def test_widgets_work_under_the_policy(context, server, site):
    page = context.new_page()
    page.goto(server.url)
    page.click("input.md-search__input")
    page.keyboard.type("celery")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.keyboard.press("Escape")
    page.locator(".md-tabs a.md-tabs__link", has_text="Technologies").click()   # instant navigation
    page.wait_for_url("**/tech/")
    page.goto(server.url + first_page_with(site, 'class="tabbed-set'))
    page.locator(".tabbed-set").first.locator(".tabbed-labels > label").nth(1).click()
    block = page.locator("div.highlight:visible").first
    block.hover()
    block.locator("button.md-code__button[data-md-type=copy]").click()
    page.locator("form[data-md-component=palette] label:visible").first.click()   # palette toggle
    page.wait_for_timeout(300)
    assert not context.guard.blocked, context.guard.blocked


def test_an_inline_script_in_page_content_is_blocked(browser, tmp_path):
    """A theme override puts a script in the content block; content is never hashed, so it is refused."""
    repo = copy_repo(tmp_path / "repo")
    main = repo / "overrides/main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block content %}\n  {{ super() }}" in text
    main.write_text(text.replace("{% block content %}\n  {{ super() }}", "{% block content %}\n  {{ super() }}"
                                 '<script>document.body.dataset.pwned = "yes"</script>', 1), encoding="utf-8")
    port = free_port()
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}{site_prefix()}"
    try:
        result = build(repo, tmp_path / "site")
    finally:
        del os.environ["SITE_URL"]
    assert result.returncode == 0, result.stdout + result.stderr
    context = new_context(browser)
    page = context.new_page()
    with SiteServer(tmp_path / "site", site_prefix(), port=port) as running:
        page.goto(running.url + "concepts/caching/")
        page.wait_for_timeout(300)
        pwned = page.evaluate("document.body.dataset.pwned")
    blocked = context.guard.blocked
    context.close()
    assert pwned is None, "the injected script ran"
    assert any("CSP script-src" in entry and "inline" in entry for entry in blocked), blocked


def test_nothing_a_page_contains_gets_a_script_allowed(site, tmp_path):
    """The review's bypass: content with a literal </article> once had the theme-like script after
    it hashed and allowed. The policy comes from the theme's templates, so a page that somehow
    carries a script (here written into built pages, past the sanitizer) changes nothing."""
    from nexus.site import Site, csp
    folder = tmp_path / "site"
    for rel in ("index.html", "404.html", "concepts/caching/index.html"):
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", (site / rel).read_text(encoding="utf-8"))
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    clean = csp.theme_hashes(Site(folder))
    planted = '</article></div><script>document.body.dataset.pwned = "yes"</script>'
    page = folder / "concepts/caching/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<h2", planted + "<h2", 1), encoding="utf-8")
    csp.run(Site(folder))
    evil = csp.source_hash('document.body.dataset.pwned = "yes"')
    assert planted in page.read_text(encoding="utf-8")
    assert evil not in page.read_text(encoding="utf-8") and csp.theme_hashes(Site(folder)) == clean
