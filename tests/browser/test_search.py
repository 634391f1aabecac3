"""Search, typed into the real search box in Chromium: it ranks a sample of the question map and
the learner phrasings as the same worker run in Node does (which runs them all, with the queries
generated from the built site and what searches download: tests/test_search_index.py); index and
queries share one definition of a word; the index loads only when a reader starts to search."""
import json
import re

import pytest

from nexus import ROOT, search
from nexus.browser import wait_for_first_result
from nexus.searchbox import INTERIM, SEARCH, phrasings, questions, run_node, run_queries
from nexus.site.search import ENGINE, WORKER



@pytest.fixture(scope="module")
def search_page(browser, server):
    """One page for all the query tests: the index is set up once."""
    from nexus.browser import new_context
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    blocked = context.guard.blocked
    context.close()
    assert not blocked, f"pages tried third-party requests: {blocked}"


def test_the_search_box_ranks_as_the_worker_in_node_does(search_page, server, site):
    """Every question-map query and learner phrasing runs through the worker in Node
    (tests/test_search_index.py), which groups results as Material's search box does. Here a
    sample of them is typed into the real box: the same result groups in the same order, the same
    sections shown in each, and the answer in the first three."""
    cases = questions(site)[::8] + phrasings()[::4]
    results = run_queries(search_page, server, [case.query for case in cases])
    _, answers = run_node(site, [[case.query] for case in cases])
    shown = lambda groups: [(group["page"], group["shown"]) for group in groups[:5]]  # noqa: E731
    differ = [f"{case.query!r}: the box shows {shown(result['groups'])}, Node {shown(answer['groups'])}"
              for case, result, answer in zip(cases, results, answers) if shown(result["groups"]) != shown(answer["groups"])]
    missed = [f"{case.query!r}: expected {case.section or case.pages}, got {[g['shown'][:2] for g in result['groups'][:3]]}"
              for case, result in zip(cases, results) if not case.passes(result["groups"])]
    assert len(cases) > 150 and not differ and not missed, "\n".join(differ + missed)


def test_a_near_miss_shows_results_and_names_the_missing_word(search_page, server):
    """A typo no page has and a word no page has: never a blank "No matching documents"."""
    results = run_queries(search_page, server, ["Reis", "kubernetes xyzzyq", "xyzzyq"])
    assert results[0]["groups"][0]["page"] == "tech/redis/", results[0]
    assert results[1]["groups"][0]["page"] == "tech/kubernetes/", results[1]
    missing = search_page.locator(".md-search-result__item").first.locator(".md-search-result__terms del")
    assert results[2]["meta"] == "No matching documents"   # nothing near: the honest answer
    search_page.fill(SEARCH, "kubernetes xyzzyq")
    search_page.keyboard.press("End")
    assert missing.first.text_content(timeout=5000) == "xyzzyq"


def test_index_and_queries_split_words_alike(search_page, server, site):
    """Every white-space-separated chunk of the built index (titles and text, which hold every
    word and code name of the site) through the worker's index side and query side, and through
    the build's definition in Python: identical words."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    _, rows = search.read(site)
    from mkdocs.config import load_config
    assert separator == load_config(str(ROOT / "mkdocs.yml"))["plugins"]["material/search"].config.separator
    chunks = sorted({chunk for _, _, title, text in rows for chunk in re.sub(r"<[^>]*>", " ", title + " " + text).split()})
    chunks += ["GraphQL", "RabbitMQ", "PostgreSQL", "MySQL", "JavaScript", "OAuth", "IsAuthenticated",
               "select_related", "@shared_task", ".env", "localhost:6379.", '"jobboard"',
               "constructor", "hasOwnProperty", "__proto__", "toString"]   # Object's own names
    search_page.goto(server.url)
    sides = search_page.evaluate(
        """([url, texts]) => new Promise(resolve => {
             const worker = new Worker(url);
             worker.onmessage = event => { worker.terminate(); resolve(event.data); };
             worker.postMessage({type: 'tokens', data: {texts, separator: %s}});
           })""" % json.dumps(separator), [server.url + WORKER, chunks])
    assert sides["type"] == "tokens", sides["data"]   # the worker answers an error instead of hanging
    sides = sides["data"]
    pattern = re.compile(separator)
    # The build's words go into postings, a bag: their order is the worker's business.
    differ = [(chunk, search.words(chunk, pattern), index_side, query_side)
              for chunk, index_side, query_side in zip(chunks, sides["index"], sides["query"])
              if not (sorted(search.words(chunk, pattern)) == sorted(index_side) and index_side == query_side)]
    assert len(chunks) > 5000 and not differ, f"{len(differ)} of {len(chunks)} chunks differ: {differ[:10]}"
    by_chunk = dict(zip(chunks, sides["query"]))
    assert by_chunk["GraphQL"] == ["graphql"] and by_chunk["JavaScript"] == ["java", "script", "javascript"]
    assert by_chunk["select_related"] == ["select", "related"]


def test_index_and_engine_are_not_fetched_until_the_reader_searches(page, server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "concepts/caching/")
    page.wait_for_load_state("networkidle")
    deferred = ("search_index.json", ENGINE)   # the theme starts the worker, a stub, on every page
    assert not [url for url in requests if url.endswith(deferred)], "index or engine loaded before any search"
    page.click(SEARCH)
    page.keyboard.type("redis")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert all([url for url in requests if url.endswith(name)] for name in deferred), "the search did not start"
    assert [url for url in requests if "/search/p/" in url], "no piece of the index was fetched"


def test_keyboard_shortcut_releases_the_index_and_focuses_search(page, server):
    page.goto(server.url + "tech/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("celery")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


def test_the_box_lists_the_pages_while_their_sections_load(page, server):
    """A first search's sections are a round trip of their own (562 ms on a slow phone): until
    they arrive, the box lists the matching pages by title; then the full result, with sections
    and snippets, replaces the list. Here the sections are held back until the list is seen."""
    held, released = [], []

    def hold(route):   # no unroute(): Playwright may continue the routes it held itself
        if released:
            route.continue_()
        else:
            held.append(route)
    page.context.route("**/search/s/*.json", hold)
    page.goto(server.url)
    page.click(SEARCH)
    page.keyboard.type("celery")
    page.wait_for_selector(f".md-search-result__item {INTERIM}", timeout=10_000)
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").text_content() == "Celery"
    assert first.locator("a.md-search-result__link").first.get_attribute("href").split("?")[0].endswith("/tech/celery/")
    assert held and not page.locator(".md-search-result__article p").count(), "snippets before the sections arrived"
    released.append(True)
    for route in held:
        route.continue_()
    wait_for_first_result(page, "/tech/celery/")
    # Material may draw the list a moment before the items' text (a make test run under load met it).
    page.locator(".md-search-result__article p").first.wait_for(timeout=5_000)
    assert page.locator(".md-search-result__article p").count(), "the full result shows no snippets"


def test_a_result_opens_by_instant_navigation_and_search_works_there(page, server):
    page.goto(server.url)
    page.evaluate("window.__kept = true")
    page.click(SEARCH)
    page.keyboard.type("GraphQL")
    wait_for_first_result(page, "/tech/graphql/")
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_url("**/tech/graphql/**")
    assert page.evaluate("window.__kept === true"), "the result link reloaded the page"
    assert page.locator("article mark").count(), "search terms are not highlighted on the page"
    page.click(SEARCH)
    page.fill(SEARCH, "celery")
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    wait_for_first_result(page, "/tech/celery/")
    assert first.is_visible() and page.evaluate("window.__kept === true")
