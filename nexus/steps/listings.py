"""Listings generated from front matter, so index pages are never maintained by hand.

- `<!-- listing: section -->` in a folder's index.md becomes a list of that folder's pages
  (title and description), in navigation order.
- `<!-- listing: challenges -->` becomes the challenge table, filterable by the technologies
  each challenge page declares in its front matter.
"""
from html import escape
from posixpath import dirname

from markdown.preprocessors import Preprocessor

SECTION = "<!-- listing: section -->"
CHALLENGES = "<!-- listing: challenges -->"


class Listings(Preprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def run(self, lines):
        text = "\n".join(lines)
        if SECTION not in text and CHALLENGES not in text:
            return lines
        page = self.build.page(self.md)
        if page is None:
            return lines
        text = text.replace(SECTION, self.section_list(page.path)).replace(CHALLENGES, self.challenge_table(page.path))
        return text.split("\n")

    def siblings(self, index):
        folder = dirname(index)
        return [entry.src for entry in self.build.nav if dirname(entry.src) == folder and entry.src != index]

    def section_list(self, index):
        lines = []
        for src in self.siblings(index):
            meta = self.build.front_matter.get(src, {})
            lines.append(f"- [{meta.get('title', src)}]({src.rsplit('/', 1)[-1]}): {meta.get('description', '')}")
        return "\n".join(lines)

    def challenge_table(self, index):
        rows = [(self.build.front_matter.get(src, {}), src.rsplit("/", 1)[-1]) for src in self.siblings(index)]
        techs = sorted({t for meta, _ in rows for t in meta.get("technologies", [])})
        options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in techs)
        lines = [
            '<div class="nexus-filter">',
            '<label for="challenge-filter">Filter by technology</label>',
            '<select id="challenge-filter" data-filter-table="challenge-table">'
            f'<option value="">All technologies</option>{options}</select>',
            f'<p class="nexus-filter__count" aria-live="polite">{len(rows)} challenges</p>',
            "</div>",
            "",
            '<div id="challenge-table" markdown>',
            "",
            "| Challenge | What fixes it | Technologies |",
            "| --- | --- | --- |",
        ]
        for meta, name in rows:
            techs_cell = " ".join(f"`{t}`" for t in meta.get("technologies", []))
            lines.append(f"| [{meta.get('title', name)}]({name}) | {meta.get('description', '')} | {techs_cell} |")
        return "\n".join(lines + ["", "</div>"])
