"""Playwright helpers: guard against third-party requests and CSP violations, list pages, wait for instant navigation."""
from urllib.parse import urlsplit

from . import ROOT, yamlio
from .searchbox import INTERIM

SCREENSHOTS = ROOT / "test-results" / "screenshots"
# The phone of Lighthouse's mobile preset, for pages measured as it measures them (page weight,
# scripts/bench.py, scripts/profile_theme.py): its screen, and its CPU slowdown for CDP.
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
PHONE_CPU_SLOWDOWN = 4
# Diagrams arrive drawn, as inline SVG (nexus/steps/diagrams.py); Material would only draw a leftover
# <pre class="mermaid">, which a built page must not have.
# Predicates for wait_for_function are written as functions ("() => ..."): the pages' CSP forbids
# eval, and Playwright evaluates a bare expression string with eval while it polls.
MERMAID_RENDERED = ("() => !document.querySelector('pre.mermaid') && [...document.querySelectorAll('div.mermaid > svg')]"
                    ".some(d => d.getBoundingClientRect().height > 0)")
TOLERATED = set(yamlio.load((ROOT / "data/allowed_hosts.yml").read_text(encoding="utf-8"))["requested"])
# Material's instant navigation takes a click only once sitemap.xml has loaded (the click stream is
# combined withLatestFrom the sitemap; data/theme_contract.yml): a click before that is a full load.
SITEMAP_LOADED = ("() => performance.getEntriesByType('resource')"
                  ".some(e => e.name.endsWith('/sitemap.xml') && e.responseEnd > 0)")


class Guard:
    """Blocks non-loopback requests and remembers the ones that were not tolerated."""

    def __init__(self):
        self.blocked = []

    def __call__(self, route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:", "file:")):
            return route.continue_()
        if host not in TOLERATED:
            self.blocked.append(route.request.url)
        return route.abort()


# Every Content-Security-Policy violation (nexus/site/csp.py) is reported like a blocked request, so
# each test that checks `context.guard.blocked` also fails when the policy blocks something.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => window.__nexusCsp(
  `CSP ${e.violatedDirective} blocked ${e.blockedURI || "an inline script"} on ${location.pathname}`));"""


def new_context(browser, **options):
    context = browser.new_context(**options)
    guard = Guard()
    context.route("**/*", guard)
    context.expose_binding("__nexusCsp", lambda source, text: guard.blocked.append(text))
    context.add_init_script(CSP_LISTENER)
    context.guard = guard
    return context


def wait_for_first_result(page, path, timeout=15_000):
    """Wait until the first search result links to a URL path ending in `path`. Results redraw
    as each typed key arrives, so "any result shown" may still be a prefix's list, or the interim
    list of pages shown while their sections load (search-engine.js, preview())."""
    page.wait_for_function("""([path, interim]) => {
        const link = document.querySelector('.md-search-result__item a.md-search-result__link');
        return link && !document.querySelector(interim) && new URL(link.href).pathname.endsWith(path); }""",
                           arg=[path, INTERIM], timeout=timeout)


def mark_document(page):
    """Wait until instant navigation can take a click, then mark this document so that
    same_document() can tell an instant navigation from a full page load."""
    page.wait_for_function(SITEMAP_LOADED)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")  # parsed, emitted
    page.evaluate("window.__nexusMarker = 1")


def same_document(page):
    return page.evaluate("window.__nexusMarker") == 1


def all_pages(site):
    """Every built page, as URL paths relative to the site root (no 404, no redirects)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def first_page_with(site, marker):
    """The first built page (URL path) whose HTML contains marker."""
    for html in sorted(site.rglob("index.html")):
        if marker in html.read_text(encoding="utf-8"):
            rel = html.parent.relative_to(site).as_posix()
            return "" if rel == "." else rel + "/"
    raise AssertionError(f"no built page contains {marker!r}")
