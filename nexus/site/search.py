"""Search after the build: Material's search box and index, the hub's engine.

- Each page's `__config` names the theme's lunr worker; the bundle starts whatever worker that
  names, sends it the index and renders its results. This step names the hub's worker instead
  (docs/assets/javascripts/search-worker.js, written minified by the minify plugin), which keeps
  Material's search box, result list, highlighting and offline support. If the theme's markup
  changes, this is a problem rather than a silent fall-back to the old engine.
- Tag listings (pages with Material's `<!-- material/tags -->` marker) are left out of the index:
  under each tag they repeat the titles of other pages, and would outrank those pages.
- The glossary's terms get an entry each: Material indexes a page by headings, so the terms would
  otherwise share one entry per letter, and a search for ACID would compete with every A term.
- Material's index becomes the hub's: pieces a query fetches on demand, and a small manifest in
  search/search_index.json, the file Material's search box fetches and hands to the worker. The
  offline copy has them all in one script, search/pieces.js (browsers refuse fetch() on file://).
Zensical brings its own search (no lunr worker, no index in this format): there, this step does
nothing, and the README names the gap.
"""
import html
import json
import re
import shutil
from pathlib import Path

from nexus import config, search, yamlio
from nexus.checks.pages import glossary_anchor

WORKER = "assets/javascripts/search-worker.min.js"
ENGINE = "assets/javascripts/search-engine.min.js"   # the worker loads it with the first search
PREFETCH = "assets/javascripts/search-on-demand.min.js"
PLACEHOLDER = '"@@nexus-index-keys@@"'
CONFIG_URL = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
LISTING = "<!-- material/tags"
GLOSSARY = "glossary.md"


def run(site):
    if site.engine == "zensical":
        return
    for path in site.pages():
        text = path.read_text(encoding="utf-8")
        if '"search":' not in text:
            continue   # a page without the theme's config (a redirect, the offline plugin's stub)
        text, count = CONFIG_URL.subn(lambda m: f'{m[1]}{m[2]}{WORKER}"', text)
        if count != 1:
            site.problem(path.relative_to(site.folder).as_posix(), "Material's search worker URL not found in "
                         "__config (theme changed?): update nexus/site/search.py", "search")
            continue
        path.write_text(text, encoding="utf-8")
    index_path = site.folder / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    if "nexus" in index["config"]:
        prefetch_table(site, index["config"])
        return   # already the hub's (a rebuild that kept the folder)
    docs = glossary_terms(site, without_listings(site, index["docs"]))
    # The documents the index is built from, beside the site (never deployed): tests and
    # `make bench` build the index of five times this content from them.
    documents_of(site.folder).write_text(json.dumps({"config": index["config"], "docs": docs}), encoding="utf-8")
    settings = yamlio.load((site.root / "data/search.yml").read_text(encoding="utf-8"))
    built = search.build(docs, index["config"]["separator"], settings)
    for folder in ("p", "l", "s"):
        shutil.rmtree(site.folder / "search" / folder, ignore_errors=True)
    if site.offline:
        # One script of every piece: read from disk, its size costs no wait, and the zip
        # compresses one file far better than two thousand small ones (zip 2.97 MB against 3.55 MB).
        script = b"\n".join(b"__nexusPiece(" + json.dumps(name.removeprefix("search/").removesuffix(".json")).encode()
                             + b"," + payload + b");" for name, payload in built.files.items())
        (site.folder / "search/pieces.js").write_bytes(script)
    else:
        for name, payload in built.files.items():
            path = site.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(payload)
    # Inside `config`: Material's bundle hands the worker only config, docs and options.
    manifest = {"config": {**index["config"], "nexus": built.manifest}, "docs": []}
    index_path.write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    prefetch_table(site, manifest["config"])
    site.notes.append(f"search: {len(docs)} sections in {len(built.files)} pieces")


def prefetch_table(site, config):
    """search-on-demand.js names a typed word's pieces before the manifest arrives: it needs the
    manifest's postings keys in short, written over the placeholder in its minified copy."""
    path = site.folder / PREFETCH
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if PLACEHOLDER not in text:
        if '{"split":' in text:
            return   # written by an earlier run over the same folder
        site.problem("docs/" + PREFETCH.replace(".min.js", ".js"), f"{PLACEHOLDER} not found in {PREFETCH} "
                     "(renamed, or minified differently?): the page cannot prefetch the index's pieces", "search")
        return
    path.write_text(with_prefetch_table(text, config), encoding="utf-8")


def with_prefetch_table(script: str, config: dict) -> str:
    """search-on-demand.js's text with the table of the index in `config` (the manifest's
    config: the hub's keys and the tokenizer's separator) written over its placeholder."""
    table = json.dumps(search.prefetch_table(config["nexus"], config["separator"]), separators=(",", ":"))
    return script.replace(PLACEHOLDER, table, 1)


def documents_of(folder: Path) -> Path:
    return folder.with_name(folder.name + ".search-docs.json")


def location(site, src):
    return src.removesuffix(".md") + ".html" if site.offline else config.url_of(src)


def without_listings(site, docs):
    listings = {location(site, path.relative_to(site.root / "docs").as_posix())
                for path in (site.root / "docs").rglob("*.md") if LISTING in path.read_text(encoding="utf-8")}
    return [doc for doc in docs if doc["location"].split("#")[0] not in listings or "#" not in doc["location"]]


def glossary_terms(site, docs):
    url = location(site, GLOSSARY)
    entries = yamlio.load((site.root / "data/glossary.yml").read_text(encoding="utf-8")) or {}
    kept, letters = [], []
    for doc in docs:
        if doc["location"].startswith(url + "#") and len(doc["title"]) == 1:
            letters.append(doc)
        else:
            kept.append(doc)
    if not letters:
        site.problem("data/glossary.yml", "no per-letter search entries found for the glossary; the theme's "
                                          "index changed: update nexus/site/search.py", "search")
        return docs
    at = next(i for i, doc in enumerate(kept) if doc["location"] == url) + 1
    tags = letters[0].get("tags")
    terms = []
    for term in sorted(entries, key=str.casefold):
        entry = entries[term]
        text = " ".join(entry["definition"].split())
        if entry.get("expansion"):
            text = f"{entry['expansion']}. {text}"
        doc = {"location": f"{url}#{glossary_anchor(term)}", "title": term, "text": f"<p>{html.escape(text, quote=False)}</p>"}
        if tags:
            doc["tags"] = tags
        terms.append(doc)
    return kept[:at] + terms + kept[at:]
