"""One glossary file, data/glossary.yml, feeds the glossary page and every page's tooltips.

Entries with an `expansion` become Markdown abbreviations (`*[JWT]: JSON Web Token`) appended to
each page, which the abbr extension turns into <abbr title> tooltips. Each page gets only the
abbreviations it uses: the abbr extension's cost grows with the number of definitions on a page,
and a page uses a handful of the glossary's terms. `<!-- glossary -->` becomes the glossary itself,
a definition list per initial letter (so the table of contents is an A-Z index), each term with
its own anchor (glossary/#acid). The glossary gets no abbreviations: every expansion is written
out beside its term, and its 309 tooltips each cost the theme a component to mount (Lighthouse
mobile blocking time 1,645 -> 677 ms, README). The search index gives each term its own entry
(nexus.site).
"""
import re
from dataclasses import dataclass

import yaml
from markdown.preprocessors import Preprocessor

from nexus import yamlio
from nexus.checks.pages import check_glossary, glossary_anchor as anchor

MARKER = "<!-- glossary -->"


@dataclass
class Terms:
    entries: dict
    abbreviations: dict
    used: re.Pattern
    page: str


def load(root, reporter) -> Terms:
    """The glossary, checked by the page check's own rules (one owner); problems are reported."""
    for problem in check_glossary(root):
        reporter.add(problem)
    try:
        entries = yamlio.load((root / "data/glossary.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        entries = {}
    entries = {term: entry for term, entry in entries.items() if isinstance(entry, dict) and "definition" in entry}
    terms = sorted(entries, key=str.casefold)
    abbreviations = {term: f"*[{term}]: {entries[term]['expansion']}" for term in terms if entries[term].get("expansion")}
    longest_first = sorted(abbreviations, key=len, reverse=True)
    used = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b" if longest_first else "(?!)")
    return Terms(entries, abbreviations, used, render(terms, entries))


def render(terms, entries) -> str:
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


class Glossary(Preprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def run(self, lines):
        terms = self.build.glossary
        text = "\n".join(lines)
        if MARKER in text:
            return text.replace(MARKER, terms.page).split("\n")
        used = sorted(set(terms.used.findall(text)))
        return (text + "\n\n" + "\n".join(terms.abbreviations[term] for term in used) + "\n").split("\n")
