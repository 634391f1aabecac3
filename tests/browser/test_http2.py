"""The HTTP/2 server that `make bench` measures a first search with (nexus.server.H2SiteServer):
Chromium reaches it over HTTP/2, as it reaches GitHub Pages, trusts its certificate by the key's
hash, and so caches what it fetches (with certificate errors ignored instead, it would not, and
the search engine fetched early by search-on-demand.js would be fetched twice)."""
from nexus.chromium import ARGS, chromium_executable
from nexus.server import H2SiteServer, site_prefix

ENGINE = "assets/javascripts/search-engine.min.js"


def test_the_bench_reaches_the_site_over_http2_and_caches_what_it_fetches(site, browser):
    with H2SiteServer(site, site_prefix()) as server:
        # A browser of its own (the session's has no key to trust), from the session's Playwright.
        trusting = browser.browser_type.launch(executable_path=chromium_executable(), args=[
            *ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--ignore-certificate-errors-spki-list={server.spki}"])
        page = trusting.new_page()
        page.goto(server.url)
        protocol = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
        mark = len(server.log)
        status = page.evaluate("""async (url) => {
            await (await fetch(url)).text();
            return (await fetch(url)).status; }""", server.url + ENGINE)
        trusting.close()
    engine = [entry for entry in server.log[mark:] if entry[0].endswith(ENGINE)]
    assert protocol == "h2"
    assert status == 200 and len(engine) == 1, f"fetched {len(engine)} times: {engine}"
