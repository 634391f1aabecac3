"""Every page's HTML through the hub's sanitizer (nexus/sanitize.py), the last page step: what the
allowlist (data/html_allowlist.yml) does not allow is removed from the page and reported with the
page's file and line, so a strict build fails instead of publishing it, and nothing is stripped
silently. It runs on what Markdown made of the page, with every other step's output in it."""
from __future__ import annotations

from markdown.postprocessors import Postprocessor

from nexus import sanitize


class Sanitize(Postprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def run(self, text):
        clean, removed = sanitize.sanitize(text, self.build.allowlist)
        if not removed:
            return text
        page = self.build.page(self.md)
        source = (self.build.root / "docs" / page.path).read_text(encoding="utf-8") if page else ""
        last = {}
        for removal in removed:
            # A second removal of the same kind is looked for after the first one's line.
            key = (removal.kind, removal.name)
            line = sanitize.source_line(removal, source, last.get(key, 0)) or sanitize.source_line(removal, source) or 1
            last[key] = line
            self.build.problem(page, line, f"unsafe HTML {removal}", "sanitize")
        return clean
