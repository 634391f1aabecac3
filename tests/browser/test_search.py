"""Search finds the right page for every query in data/search_queries.yml, loading its index
only when the reader starts to search."""
import yaml

from helpers import ROOT

QUERIES = yaml.safe_load((ROOT / "data/search_queries.yml").read_text(encoding="utf-8"))
SEARCH = "input.md-search__input"


def result_pages(page, query):
    """Enter the whole query at once, then press End: Material searches on key events, and typing
    letter by letter would let a partial query's results count. Returns the result pages in
    order, without their section links and highlight parameters."""
    page.fill(SEARCH, "")
    page.keyboard.press("Space")      # a key event on an empty query resets the results
    page.keyboard.press("Backspace")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length")
    page.fill(SEARCH, query)
    page.keyboard.press("End")
    page.wait_for_function(
        """() => document.querySelector('.md-search-result__list').children.length
              || /No matching/i.test(document.querySelector('.md-search-result__meta').textContent)""",
        timeout=10_000)
    page.wait_for_timeout(50)
    links = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))")
    pages = []
    for link in links:
        path = link.split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages


def test_queries_find_their_page_in_the_top_three(page, server):
    page.goto(server.url)
    page.click(SEARCH)
    misses = []
    for case in QUERIES:
        top = result_pages(page, str(case["query"]))[:3]
        wanted = case["page"] if isinstance(case["page"], list) else [case["page"]]
        if not any(link.endswith("/" + target) for link in top for target in wanted):
            misses.append(f"{case['query']!r}: expected {case['page']}, got {top}")
    assert not misses, f"{len(misses)} of {len(QUERIES)} queries missed:\n" + "\n".join(misses)


def test_index_is_not_fetched_until_the_reader_searches(page, server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "concepts/caching/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "search_index.json" in url], "index loaded before any search"
    page.click(SEARCH)
    page.keyboard.type("redis")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert [url for url in requests if "search_index.json" in url]


def test_keyboard_shortcut_releases_the_index_and_focuses_search(page, server):
    page.goto(server.url + "tech/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("celery")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
