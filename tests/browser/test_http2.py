"""The HTTP/2 server that `make bench` measures a first search with (nexus.server.H2SiteServer):
Chromium reaches it over HTTP/2, as it reaches GitHub Pages, trusts its certificate by the key's
hash, and so caches what it fetches (with certificate errors ignored instead, it would not, and
the search engine fetched early by search-on-demand.js would be fetched twice). No Playwright
routing here: it would turn the HTTP cache off."""
import json
from collections import Counter

import pytest

from nexus import search
from nexus.browser import wait_for_first_result
from nexus.chromium import ARGS, chromium_executable
from nexus.searchbox import SEARCH
from nexus.server import H2SiteServer, site_prefix
from nexus.site.search import ENGINE


@pytest.fixture
def h2(site, browser):
    with H2SiteServer(site, site_prefix()) as server:
        # A browser of its own (the session's has no key to trust), from the session's Playwright.
        trusting = browser.browser_type.launch(executable_path=chromium_executable(), args=[
            *ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--ignore-certificate-errors-spki-list={server.spki}"])
        yield server, trusting.new_page()
        trusting.close()


def test_the_bench_reaches_the_site_over_http2_and_caches_what_it_fetches(h2):
    server, page = h2
    page.goto(server.url)
    protocol = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
    mark = len(server.log)
    status = page.evaluate("""async (url) => {
        await (await fetch(url)).text();
        return (await fetch(url)).status; }""", server.url + ENGINE)
    engine = [entry for entry in server.log[mark:] if entry[0].endswith(ENGINE)]
    assert protocol == "h2"
    assert status == 200 and len(engine) == 1, f"fetched {len(engine)} times: {engine}"


def test_the_page_prefetches_a_typed_words_pieces_and_the_worker_reads_them_from_the_cache(site, h2):
    """search-on-demand.js asks for the lexicon and the postings file of the word being typed
    before the manifest arrives; the worker's own fetch of them must be answered by the HTTP cache,
    or the prefetch would cost a second download instead of saving a round trip."""
    server, page = h2
    manifest = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["nexus"]
    key = max((key for key in search.shard_keys(manifest["shards"])["re"] if "redis".startswith(key)), key=len)
    wanted = {"l/re.json", f"p/{search.file_key(key)}.json"}
    page.add_init_script("""window.__asked = []; const fetchOf = window.fetch;
        window.fetch = function (url) { window.__asked.push(String(url)); return fetchOf.apply(this, arguments); };""")
    page.goto(server.url + "concepts/caching/")
    page.wait_for_load_state("networkidle")
    mark = len(server.log)
    page.click(SEARCH)
    page.keyboard.type("redis", delay=50)
    wait_for_first_result(page, "/tech/redis/")
    page.wait_for_load_state("networkidle")
    asked = {url.split("/search/", 1)[1] for url in page.evaluate("window.__asked") if "/search/" in url}
    served = Counter(path.split("/search/", 1)[1] for path, _, _ in server.log[mark:] if "/search/" in path)
    assert wanted <= asked, f"the page did not prefetch {wanted - asked} (it asked for {asked})"
    assert all(served[name] == 1 for name in asked), f"downloaded more than once: {served}"
