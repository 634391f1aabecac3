"""One glossary file, data/glossary.yml, feeds the glossary page and every page's tooltips.

Entries with an `expansion` become Markdown abbreviations (`*[JWT]: JSON Web Token`) appended to
each page, which the abbr extension turns into <abbr title> tooltips. The file is read once, and
each page gets only the abbreviations it uses: the abbr extension's cost grows with the number
of definitions on a page, and a page uses a handful of the glossary's terms.
"""
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

MARKER = "<!-- glossary -->"
_abbreviations = {}
_used = re.compile("(?!)")
_page = ""


def on_config(config):
    global _abbreviations, _used, _page
    path = Path(config.config_file_path).parent / "data" / "glossary.yml"
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"data/glossary.yml cannot be read: {exc}") from None
    for term, entry in (entries or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("definition"), str):
            raise PluginError(f"data/glossary.yml: term {term!r} needs a `definition:` text")
    terms = sorted(entries, key=str.casefold)
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
        out.append(f"{term}\n:   {text}\n")
    return "\n".join(out)


def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri == "glossary.md":
        markdown = markdown.replace(MARKER, _page)
    used = sorted(set(_used.findall(markdown)))
    return markdown + "\n\n" + "\n".join(_abbreviations[term] for term in used) + "\n"
