"""The hub's search index: one definition of a word, and an index a reader downloads in pieces.

A search needs only the words it looks for. The index is cut into small files that the search
engine (docs/assets/javascripts/search-engine.js) fetches on demand, so a first search costs a
few of them, whatever the size of the hub (budgets in data/budgets.yml, tests/test_search_index.py):
- postings: for each word, the sections it occurs in, with a BM25 score per field computed here
  (the formula and parameters of MiniSearch, the engine the hub used before), grouped by the
  word's first letters into files of at most SHARD_BYTES gzipped;
- lexicons: the words that start with each two letters, for prefix and typo matching (fetched
  with the postings files the query's words name, which the manifest's shard keys tell);
- sections: the titles and plain text of each page's sections, for showing results, snippets and
  highlighting, and for ranking the best candidates by phrase;
- a manifest (search/search_index.json, which Material's search box fetches and passes on) that
  names those files, with the tokenizer's separator, the stop words, the learners' aliases and
  each page's address and title (shown while a first search's sections are on their way).
Files keep their names from deploy to deploy: a returning reader's browser revalidates them
(GitHub Pages sends ETags) and downloads again only those whose content changed.

Hand-written because no maintained engine fits: Pagefind's first search measured 155-294 KB
before its results (budget 150 KB), and MiniSearch's own serialized index repeats every
section's field lengths in every piece (1646 KB for the hub cut into pieces, against 448 KB
whole), so neither can be loaded on demand within the budget.
"""
from __future__ import annotations

import base64
import gzip
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

FIELDS = ("title", "heading", "page", "tags", "text")
# MiniSearch's BM25+ parameters (k, b, d), kept so scores mean what they meant before.
K, B, D = 1.2, 0.7, 0.5
SHARD_BYTES = 6000          # gzip bytes a postings file may reach before it is split further
PART_BYTES = 600           # gzip bytes of a file of sections (a page in parts: only hits are read)
POSTINGS_CAP = 600          # a word keeps its best-scoring sections only (common words rank by others)
SNIPPET_TEXT = 600          # characters of a section's text kept for snippets and phrase ranking
QUANTUM = 100               # scores are stored as integers: score × QUANTUM


def words(text: str, separator: re.Pattern) -> list[str]:
    """The one definition of a word, for the index and (in search-engine.js) for queries: the parts
    between separator matches, lower-cased; where parts meet at a zero-width match (the case
    change in IsAuthenticated), the whole run is a word too."""
    out = []
    for chunk in text.split():
        parts, run, position = [], [], 0
        for match in [*separator.finditer(chunk), None]:
            end = match.start() if match else len(chunk)
            if position < end:
                run.append((position, end))
                parts.append(chunk[position:end].lower())
            if match is None or match.group():     # a real separator ends the run
                if len(run) > 1:
                    parts.append(chunk[run[0][0]:run[-1][1]].lower())
                run = []
            if match:
                position = match.end()
        out.extend(parts)
    return out


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", markup))


@dataclass
class Section:
    location: str
    title: str                 # as the theme gives it (HTML, for showing and highlighting)
    text: str                  # plain text
    tags: list
    boost: float = 1.0
    fields: dict = field(default_factory=dict)


def sections(docs: list[dict]) -> list[Section]:
    """Material's index documents (one per page top and per heading) as sections, with the text of
    each field the ranking reads: a page's own title, a section's heading, its page's title."""
    articles = {doc["location"]: doc for doc in docs if "#" not in doc["location"]}
    out = []
    for doc in docs:
        page = doc["location"].split("#")[0]
        article = page == doc["location"]
        section = Section(doc["location"], doc["title"], " ".join(plain(doc.get("text", "")).split()),
                          list(doc.get("tags") or []), float(doc.get("boost") or 1))
        section.fields = {"title": doc["title"] if article else "",
                          "heading": "" if article else plain(doc["title"]),
                          "page": "" if article or page not in articles else articles[page]["title"],
                          "tags": " ".join(section.tags), "text": section.text}
        out.append(section)
    return out


def file_key(key: str) -> str:
    """A file name for a group of words: letters and digits as they are, any other character as
    -<hex>- ('-' is a separator, so never part of a word, and the names cannot collide)."""
    return "".join(char if char.isascii() and char.isalnum() else f"-{ord(char):x}-" for char in key)


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def gz(payload: bytes) -> int:
    return len(gzip.compress(payload, 9, mtime=0))


@dataclass
class Built:
    manifest: dict
    files: dict              # site-relative path under search/ -> bytes


def build(docs: list[dict], separator: str, settings: dict) -> Built:
    """The index of Material's search documents. settings: data/search.yml (stop words, kinds of
    page, aliases), handed on to the worker in the manifest."""
    split = re.compile(separator)
    # Link lists hold no answer, only other pages' titles (indexed on those pages): a query about a
    # page would otherwise send the reader to the list that links to it.
    unindexed = set(settings.get("unindexed") or [])
    items = [item for item in sections(docs) if "#" not in item.location or plain(item.title).strip() not in unindexed]
    n = len(items)
    postings = defaultdict(lambda: defaultdict(dict))      # word -> doc -> field -> term frequency
    lengths = []
    for doc, item in enumerate(items):
        row = []
        for index, name in enumerate(FIELDS):
            tokens = words(plain(item.fields[name]), split)
            row.append(len(set(tokens)))                    # as MiniSearch counts a field's length
            for token in tokens:
                counts = postings[token][doc]
                counts[index] = counts.get(index, 0) + 1
        lengths.append(row)
    average = [sum(row[i] for row in lengths) / n for i in range(len(FIELDS))]
    matching = {word: [sum(1 for fields in docs_.values() if i in fields) for i in range(len(FIELDS))]
                for word, docs_ in postings.items()}

    def score(word, doc, index, frequency):
        count = matching[word][index]
        idf = math.log(1 + (n - count + 0.5) / (count + 0.5))
        norm = frequency + K * (1 - B + B * lengths[doc][index] / average[index]) if average[index] else 1
        return idf * (D + frequency * (K + 1) / norm)

    def encode(word):
        """[doc delta, field * 1000 + score, ...]: one pair per field the word occurs in, documents
        in order (a delta of 0 repeats the document for its next field)."""
        rows = []
        for doc, fields_ in postings[word].items():
            scored = {index: score(word, doc, index, frequency) for index, frequency in fields_.items()}
            rows.append((max(scored.values()), doc, scored))
        rows.sort(key=lambda row: -row[0])
        out, previous = [], 0
        for _, doc, scored in sorted(rows[:POSTINGS_CAP], key=lambda row: row[1]):
            for index, value in sorted(scored.items()):
                out += [doc - previous, index * 1000 + min(999, round(value * QUANTUM))]
                previous = doc
        return out

    encoded = {word: encode(word) for word in postings}
    files = {}

    # Postings files, keyed by the words' first letters: two letters, or more where a group
    # would pass SHARD_BYTES. The manifest lists the keys (under their two-letter prefix), so a
    # query fetches a word's postings file at the same time as its lexicon, not a round trip later.
    def place(key, group, depth, keys):
        payload = _dump({word: encoded[word] for word in sorted(group)})
        if gz(payload) <= SHARD_BYTES or len(group) == 1 or depth >= 12:
            files[f"search/p/{file_key(key)}.json"] = payload
            keys.append(key)
            return
        deeper, own = defaultdict(list), []
        for word in group:
            (deeper[word[:depth + 1]] if len(word) > depth else own).append(word)
        if own:
            place(key, own, 99, keys)
        for sub, group_ in sorted(deeper.items()):
            place(sub, group_, depth + 1, keys)

    by_prefix = defaultdict(list)
    for word in postings:
        by_prefix[word[:2]].append(word)
    shards = {}
    for prefix, group in sorted(by_prefix.items()):
        keys = []
        place(prefix, group, 2, keys)
        files[f"search/l/{file_key(prefix)}.json"] = _dump({"w": sorted(group)})
        shards[prefix] = sorted(keys)

    # The sections of each page, in order (a long page in parts), for results and phrase ranking.
    pages, starts, part, current = [], [], [], None

    def flush():
        if part:
            files[f"search/s/{len(starts)}.json"] = _dump(part)
            starts.append(part[0][0])

    for doc, item in enumerate(items):
        page = item.location.split("#")[0]
        if page != current or gz(_dump(part)) > PART_BYTES:
            flush()
            part = []
        if page != current:
            pages.append(doc)
            current = page
        part.append([doc, item.location, item.title, item.text[:SNIPPET_TEXT]])
    flush()

    kinds = settings.get("kinds") or {}

    def kind_of(location):
        return next((name for name, kind in kinds.items() if location.startswith(tuple(kind["pages"]))), "")

    manifest = {
        "v": 1, "n": n, "fields": list(FIELDS), "q": QUANTUM,
        "stop": sorted(settings.get("stop") or []), "openers": sorted(settings.get("openers") or []),
        "aliases": settings.get("aliases") or {},
        # `term` (a one-word query) weighs as `teach` unless the kind gives it.
        "kindWeights": {name: {**{key: kind[key] for key in ("teach", "symptom", "pasted", "names")},
                               "term": kind.get("term", kind["teach"])} for name, kind in kinds.items()},
        "pages": pages,
        "kinds": [kind_of(items[first].location) for first in pages],
        # Each page's address and title: a result can name its pages before their sections arrive.
        "urls": [items[first].location for first in pages],
        "titles": [items[first].title for first in pages],
        "boost": {str(i): items[first].boost for i, first in enumerate(pages) if items[first].boost != 1},
        "sections": starts,
        "shards": encode_shards(shards),
    }
    return Built(manifest, files)


def encode_shards(shards: dict[str, list[str]]) -> str:
    """Which prefixes have a lexicon, and the keys of their postings files, in one string (a fifth
    of the bytes of the same as JSON): "ab" for a prefix whose words are in one file of that key,
    "re:,d,di" for one split into re, red and redi. Separators are never in words."""
    def entry(prefix, keys):
        rests = [key[len(prefix):] for key in keys]
        return prefix if rests == [""] else f"{prefix}:{','.join(rests)}"
    return " ".join(entry(prefix, keys) for prefix, keys in shards.items())


def shard_keys(encoded: str) -> dict[str, list[str]]:
    """encode_shards() undone, as search-engine.js reads it: prefix -> keys of its postings files."""
    out = {}
    for entry in encoded.split():
        prefix, _, rests = entry.partition(":")
        out[prefix] = [prefix + rest for rest in rests.split(",")] if rests else [prefix]
    return out


ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


def prefetch_table(manifest: dict, separator: str) -> dict:
    """What the page's search-on-demand.js needs to name a typed word's pieces before the manifest
    arrives (a few hundred bytes, in a script every page loads): the tokenizer's separator and the
    stop words (a pasted line's stop words are never looked up), the prefixes whose postings are
    split over several files, as encode_shards() writes them, and which two-letter ASCII prefixes
    have a lexicon at all, as a bitmap (bit i*36+j for ALNUM[i] ALNUM[j]): asking for a file that
    does not exist would cost a 404 page."""
    encoded = manifest["shards"]
    bits = bytearray(len(ALNUM) ** 2 // 8 + 1)
    for prefix in shard_keys(encoded):
        if len(prefix) == 2 and all(char in ALNUM for char in prefix):
            bit = ALNUM.index(prefix[0]) * len(ALNUM) + ALNUM.index(prefix[1])
            bits[bit >> 3] |= 1 << (bit & 7)
    return {"separator": separator, "stop": " ".join(manifest["stop"]),
            "split": " ".join(entry for entry in encoded.split() if ":" in entry),
            "present": base64.b64encode(bytes(bits)).decode("ascii")}


def read(site) -> tuple[dict, list[list]]:
    """A built site's manifest and every section as [doc, location, title (HTML), text], for tests
    and benchmarks that need the pages' titles and words without the build's documents."""
    folder = site / "search"
    manifest = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))["config"]["nexus"]
    rows = []
    for number in range(len(manifest["sections"])):
        rows += json.loads((folder / "s" / f"{number}.json").read_text(encoding="utf-8"))
    return manifest, rows
