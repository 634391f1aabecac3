"""One glossary file, data/glossary.yml, feeds the glossary page and every page's tooltips.

Entries with an `expansion` become Markdown abbreviations (`*[JWT]: JSON Web Token`) appended to
each page, which the abbr extension turns into <abbr title> tooltips. The file is read once, and
each page gets only the abbreviations it uses: the abbr extension's cost grows with the number
of definitions on a page, and a page uses a handful of the glossary's terms.

Each term gets an anchor (glossary/#acid), and after the build its own search entry: Material
indexes a page by headings, so the terms would otherwise share one entry per letter, and a
search for ACID would have to compete with every other A term.
"""
import html
import json
import re
import sys
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from nexus.checks.pages import check_glossary, glossary_anchor as anchor

MARKER = "<!-- glossary -->"
_abbreviations = {}
_used = re.compile("(?!)")
_page = ""
_entries = {}
_url = None


def on_config(config):
    global _abbreviations, _used, _page, _entries
    root = Path(config.config_file_path).parent
    problems = check_glossary(root)   # the page check owns the glossary's rules
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    entries = yaml.safe_load((root / "data" / "glossary.yml").read_text(encoding="utf-8"))
    terms = sorted(entries, key=str.casefold)
    _entries = entries
    _abbreviations = {term: f"*[{term}]: {entries[term]['expansion']}"
                      for term in terms if entries[term].get("expansion")}
    longest_first = sorted(_abbreviations, key=len, reverse=True)
    _used = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b")   # as the abbr extension matches
    _page = _render(terms, entries)
    return config


def _render(terms, entries):
    """A definition list per initial letter, so the table of contents is an A–Z index."""
    out, letter = [], None
    for term in terms:
        entry = entries[term]
        initial = term[0].upper() if term[0].isalpha() else "#"
        if initial != letter:
            letter = initial
            out.append(f"\n## {letter}\n")
        text = entry["definition"].strip()
        if entry.get("expansion"):
            text = f"*{entry['expansion']}.* {text}"
        if entry.get("see"):
            text += f" [Read more]({entry['see']})"
        out.append(f"{term} {{ #{anchor(term)} }}\n:   {text}\n")
    return "\n".join(out)


def on_page_markdown(markdown, page, **kwargs):
    global _url
    if page.file.src_uri == "glossary.md":
        _url = page.url
        markdown = markdown.replace(MARKER, _page)
    used = sorted(set(_used.findall(markdown)))
    return markdown + "\n\n" + "\n".join(_abbreviations[term] for term in used) + "\n"


def on_post_build(config):
    """Replace the glossary's per-letter search entries with one entry per term (runs after the
    search plugin has written the index, and before the offline plugin inlines it)."""
    path = Path(config.site_dir, "search", "search_index.json")
    if _url is None or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs, letters = [], []
    for doc in index["docs"]:
        location = doc["location"]
        if location.startswith(_url + "#") and len(doc["title"]) == 1:
            letters.append(doc)
        else:
            docs.append(doc)
    if not letters:
        raise PluginError("glossary: no per-letter search entries found; the theme's index changed")
    at = next(i for i, doc in enumerate(docs) if doc["location"] == _url) + 1
    tags = letters[0].get("tags")
    terms = []
    for term in sorted(_entries, key=str.casefold):
        entry = _entries[term]
        text = " ".join(entry["definition"].split())
        if entry.get("expansion"):
            text = f"{entry['expansion']}. {text}"
        doc = {"location": f"{_url}#{anchor(term)}", "title": term, "text": f"<p>{html.escape(text, quote=False)}</p>"}
        if tags:
            doc["tags"] = tags
        terms.append(doc)
    index["docs"] = docs[:at] + terms + docs[at:]
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
