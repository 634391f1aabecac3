"""Search expectations generated from the built site, and a runner that types queries into the
real search box. Used by tests/browser/test_search.py, tests/test_search_index.py and
scripts/bench.py (make bench).

The cases come from what the site itself says, not from a hand-picked list:
- every page title as written, in lower case, and with one typo (a letter dropped from its
  longest word of 5+ letters): that page must be the first result;
- every h2/h3 heading that only one page has: its section is shown in the first three results;
- every glossary term (data/glossary.yml): the glossary or the term's `see` page in the first three;
- every code name a page defines in a heading or a definition list: that page in the first three.
"""
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import ROOT, search, yamlio

SEARCH = "input.md-search__input"
# What marks the interim list of pages that search-engine.js (preview()) shows while a first
# search's sections load: a helper that wants the full result waits until it is gone.
INTERIM = "[data-nexus-interim]"
HEADING = re.compile(r'<h([234]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
DEFINED = re.compile(r"<dt>(.*?)</dt>", re.S)
CODE = re.compile(r"<code>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")
# Generated listings, not topics: the tags index repeats tag names, the glossary's h2s are letters.
LISTINGS = ("tags/",)


@dataclass
class Case:
    kind: str                  # title, title-lower, title-typo, heading, term, code
    query: str
    pages: list                # acceptable result pages (URL paths); any of them counts
    section: str = ""          # for headings: the section's location, which must be shown
    first: bool = False        # must be the first result, not just in the first three
    top: bool = False          # the page itself also counts (the section is the page's first h2)

    def rank(self, results):
        """1-based position of the first acceptable result group, or 0 if none in the list."""
        for position, group in enumerate(results, 1):
            if self.section:
                if self.section in group["shown"] or (self.top and group["page"] in self.pages):
                    return position
            elif group["page"] in self.pages:
                return position
        return 0

    def passes(self, results):
        rank = self.rank(results)
        return rank == 1 if self.first else 0 < rank <= 3


def text_of(fragment):
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


def typo(title):
    """One dropped letter in the title's longest word of 5+ letters (None if it has none)."""
    words = re.findall(r"[A-Za-z]{5,}", title)
    if not words:
        return None
    word = max(words, key=len)
    middle = len(word) // 2
    return title.replace(word, word[:middle] + word[middle + 1:], 1)


def page_html(site, location):
    return (site / location / "index.html").read_text(encoding="utf-8")


def generate(site):
    _, rows = search.read(site)
    titles = {location: title for _, location, title, _ in rows if "#" not in location}
    cases = []
    for location, title in titles.items():
        cases.append(Case("title", title, [location], first=True))
        if title.lower() != title:
            cases.append(Case("title-lower", title.lower(), [location], first=True))
        misspelt = typo(title)
        if misspelt:
            cases.append(Case("title-typo", misspelt, [location], first=True))

    headings = defaultdict(list)      # heading text (case-folded) -> [(page, section, text)]
    codes = defaultdict(set)          # code name -> pages that define it
    for location in titles:
        if location.startswith(LISTINGS):
            continue
        source = page_html(site, location)
        for level, anchor, inner in HEADING.findall(source):
            text = text_of(inner)
            if level in "23" and len(text) > 1:
                headings[text.casefold()].append((location, f"{location}#{anchor}", text))
            for code in CODE.findall(inner):
                codes[html.unescape(TAG.sub("", code))].add(location)
        for term in DEFINED.findall(source):
            for code in CODE.findall(term):
                codes[html.unescape(TAG.sub("", code))].add(location)
    for entries in headings.values():
        if len({page for page, _, _ in entries}) == 1:
            page, section, text = entries[0]
            cases.append(Case("heading", text, [page], section=section))
    for code, pages in sorted(codes.items()):
        if re.search(r"\w", code):    # "@" alone is punctuation: a separator, not a word
            cases.append(Case("code", code, sorted(pages)))

    glossary = yamlio.load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    for term, entry in glossary.items():
        pages = ["glossary/"]
        if entry.get("see"):
            pages.append(re.sub(r"(index)?\.md$", "", entry["see"].split("#")[0]).removesuffix("/") + "/")
        cases.append(Case("term", str(term), pages))
    return cases


def questions(site):
    """data/questions.yml's queries as a learner typed them: the answering section in the first
    three. The page itself counts when the section is its first h2, where the page opens."""
    entries = yamlio.load((ROOT / "data/questions.yml").read_text(encoding="utf-8"))
    first_h2 = {}
    cases = []
    for entry in entries:
        source, anchor = entry["answer"].split("#")
        page = re.sub(r"(^|/)index\.md$", r"\1", source).removesuffix(".md")
        page = page + "/" if page and not source.endswith("index.md") else page
        if page not in first_h2:
            first_h2[page] = next((a for level, a, _ in HEADING.findall(page_html(site, page)) if level == "2"), None)
        cases.append(Case(f"question-{entry['kind']}", str(entry["query"]), [page], section=f"{page}#{anchor}",
                          top=first_h2[page] == anchor))
    return cases


def phrasings():
    """data/search_queries.yml: learners' phrasings, each with the page (or pages) that answers it
    in the first three."""
    entries = yamlio.load((ROOT / "data/search_queries.yml").read_text(encoding="utf-8"))
    return [Case("phrasing", str(entry["query"]), entry["page"] if isinstance(entry["page"], list) else [entry["page"]])
            for entry in entries]


def run_node(site, sessions):
    """Search sessions through the site's own search worker in Node (nexus/searchbox.mjs): each
    session a list of queries typed one after another into a new worker. Returns the gzip bytes
    of the manifest and worker that a first search also downloads, and per query its result
    groups (as run_queries() returns them), the gzip bytes it fetched and its milliseconds."""
    import os
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        given, out = Path(scratch) / "queries.json", Path(scratch) / "out.json"
        given.write_text(json.dumps([list(session) for session in sessions]), encoding="utf-8")
        subprocess.run(["node", str(Path(__file__).with_suffix(".mjs")), str(site), str(given), str(out)],
                       check=True, env=os.environ)
        data = json.loads(out.read_text(encoding="utf-8"))
    return data["setupBytes"], data["results"]


def scaled(docs, times):
    """The site's documents times over, as more content would be: each copy at its own address,
    with a third of its longer words made new (a bigger hub has more distinct words, not just
    more of the same ones)."""
    out = list(docs)
    for copy in range(1, times):
        mark = "qxz"[copy % 3] * (1 + copy // 3)
        count = [0]

        def vary(match):
            count[0] += 1
            return match.group() + mark if count[0] % 3 == 0 else match.group()
        for doc in docs:
            out.append({**doc, "location": f"copy{copy}/{doc['location']}",
                        "text": re.sub(r"(?<![<&/#\w])[A-Za-z]{5,}(?![\w>;])", vary, doc["text"])})
    return out



def scaled_site(site, dest, times, pages=False):
    """A built site's search with `times` its content, written into dest: the index in pieces and
    its manifest, the worker and its engine, and the page's prefetch with this index's table, as
    the build writes them (and, with pages, every page too, to open in a browser). For the 5x
    budgets in tests/test_search_index.py and `make bench`. Returns the manifest."""
    import shutil
    from .site.search import ENGINE, PREFETCH, WORKER, documents_of, with_prefetch_table
    given = json.loads(documents_of(site).read_text(encoding="utf-8"))
    settings = yamlio.load((ROOT / "data/search.yml").read_text(encoding="utf-8"))
    built = search.build(scaled(given["docs"], times), given["config"]["separator"], settings)
    if pages:
        shutil.copytree(site, dest, ignore=shutil.ignore_patterns("search"))
    for name, payload in built.files.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_bytes(payload)
    config = {**given["config"], "nexus": built.manifest}
    (dest / "search/search_index.json").write_text(json.dumps({"config": config, "docs": []}), encoding="utf-8")
    for script in (WORKER, ENGINE):
        (dest / script).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / script, dest / script)
    on_demand = (ROOT / "docs" / PREFETCH.replace(".min.js", ".js")).read_text(encoding="utf-8")
    (dest / PREFETCH).write_text(with_prefetch_table(on_demand, config), encoding="utf-8")
    return built.manifest


def typing(query):
    """A query as a reader types it, the way Material searches: after each word."""
    words = query.split()
    return [" ".join(words[:end]) for end in range(1, len(words) + 1)]


# Runs in the page, so hundreds of queries take seconds: for each query, clear the box and wait
# for the reset, then enter the query (value + keyup, the event Material's search listens to)
# and wait for the rendered result. Returns, per query, the result groups (the page, the links
# shown outside "more on this page") and the milliseconds from the key event to the full rendered
# list (ms) and to the first list drawn, which may be the interim list of pages (shownMs).
RUN = """async queries => {
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const placeholder = JSON.parse(document.getElementById('__config').textContent)
    .translations['search.result.placeholder'];
  // Woken by each change to the results, not by polling: a poll every millisecond kept the
  // page's main thread busy and slowed the search it timed (p95 163 -> 142 ms on two cores).
  const output = document.querySelector('.md-search-result');
  const until = test => new Promise((resolve, reject) => {
    if (test()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect(); clearTimeout(timer); resolve(performance.now());
    });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('search timed out')); }, 5000);
    observer.observe(output, {childList: true, subtree: true, characterData: true});
  });
  const key = value => {
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  };
  const page = href => new URL(href, location.href).pathname;
  const out = [];
  for (const query of queries) {
    key('');
    await until(() => !list.children.length && meta.textContent === placeholder);
    const start = performance.now();
    key(query);
    // The first list drawn (shown), then the full result: not the interim list of pages shown
    // while the sections load.
    let shown = null;
    const end = await until(() => {
      if (shown === null && meta.textContent !== placeholder) shown = performance.now();
      return shown !== null && !list.querySelector('INTERIM');
    });
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const groups = [...list.children].map(item => {
      const links = [...item.querySelectorAll('a.md-search-result__link')];
      return {
        page: page(links[0].href),
        shown: links.filter(a => !a.closest('details')).map(a => {
          const url = new URL(a.href, location.href); return url.pathname + url.hash; }),
      };
    });
    out.push({query, groups, ms: end - start, shownMs: shown - start, meta: meta.textContent});
  }
  return out;
}""".replace("INTERIM", INTERIM)


def run_queries(page, server, queries):
    """Open the home page, start search, and run every query in the page. Paths come back
    relative to the site root."""
    page.goto(server.url)
    page.click(SEARCH)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim().length > 0")
    prefix = "/" + server.url.split("//", 1)[1].split("/", 1)[1]
    page.fill(SEARCH, "warm up")
    page.keyboard.press("End")
    # Until the warm-up's own result shows: a late one would pass for the first query's.
    page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=20_000)
    out = page.evaluate(RUN, queries)
    for result in out:
        for group in result["groups"]:
            group["page"] = group["page"].removeprefix(prefix)
            group["shown"] = [link.removeprefix(prefix) for link in group["shown"]]
    return out


def score(cases, outputs):
    """success@1, success@3 and mean reciprocal rank over the cases, and the failures."""
    ranks, failures = [], []
    for case, result in zip(cases, outputs):
        rank = case.rank(result["groups"])
        ranks.append(rank)
        if not case.passes(result["groups"]):
            got = [g["page"] for g in result["groups"][:3]] or [result["meta"]]
            failures.append(f"{case.kind}: {case.query!r} wants {case.section or case.pages}"
                            f"{' first' if case.first else ''}, got {got}")
    total = len(ranks) or 1
    return {"cases": len(ranks),
            "success_at_1": round(sum(r == 1 for r in ranks) / total, 3),
            "success_at_3": round(sum(0 < r <= 3 for r in ranks) / total, 3),
            "mrr": round(sum(1 / r for r in ranks if r) / total, 3),
            "passed": len(ranks) - len(failures)}, failures
