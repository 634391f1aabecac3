"""Every ```mermaid block becomes an inline SVG at build time, so readers never load Mermaid.

Drawing and the cache (data/diagrams/) live in nexus/checks/diagrams.py. Here: swap each block
(as pymdown's superfences writes it) for its SVG, named after the section it sits in, and report
a diagram Mermaid cannot draw at its file and line. Where no browser can draw a new diagram (a
newcomer's `make serve` without Chromium) the block is left for Material to draw in the browser,
and the step after the build ships Mermaid for it (nexus.site.diagrams); CI and the deploy
(CI=true, or NEXUS_DIAGRAMS=require) report it as a problem instead, so no published page needs
Mermaid at run time.
"""
import os
import re
from html import unescape

from markdown.postprocessors import Postprocessor

from nexus.checks import diagrams
from nexus.page import Page

BLOCK = re.compile(r'<h([1-6])[^>]*>(?P<heading>.*?)</h\1>|<pre class="mermaid"><code>(?P<code>.*?)</code></pre>', re.S)
# Mermaid's parse errors count lines from the diagram's first line.
MERMAID_LINE = re.compile(r"on line (\d+)")


def required() -> bool:
    return os.environ.get("NEXUS_DIAGRAMS") == "require" or os.environ.get("CI") == "true"


def _name(heading: str, title: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", "", heading)).replace("¶", "").strip()
    return f"Diagram: {text or title}"


class Diagrams(Postprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def fence_line(self, page, source: str) -> int:
        """The line of the ```mermaid fence whose body is source (1 if it came from elsewhere)."""
        path = self.build.root / page.rel
        if not path.is_file():
            return 1
        for fence in Page.read(path, self.build.root).diagrams:
            body = "\n".join(line[fence.indent:] for line in fence.body.split("\n"))
            if body.strip("\n") == source.strip("\n"):
                return fence.start
        return 1

    def run(self, text):
        if 'class="mermaid"' not in text:
            return text
        page = self.build.page(self.md)
        renderer, heading, copies = self.build.renderer, "", {}

        def swap(match):
            nonlocal heading
            if match["heading"] is not None:
                heading = match["heading"]
                return match[0]
            source = unescape(match["code"])
            try:
                drawn = renderer.get(source)
            except diagrams.DiagramError as error:
                line = self.fence_line(page, source)
                found = MERMAID_LINE.search(str(error))
                where = line + int(found[1]) if found and line > 1 else line
                self.build.problem(page, where, f"Mermaid cannot draw this diagram: {error}", "diagrams")
                return match[0]
            if drawn is None:
                if required():
                    self.build.problem(page, self.fence_line(page, source),
                                       f"this diagram is not in data/diagrams/ and cannot be drawn here "
                                       f"({renderer.unavailable}); build once where Chromium runs and commit it",
                                       "diagrams")
                else:
                    self.build.in_browser.append(page.rel if page else "?")
                return match[0]
            key = renderer.key(source)
            copies[key] = copies.get(key, -1) + 1
            return f'<div class="mermaid">{diagrams.place(drawn.svg, key, _name(heading, page.title if page else ""), copies[key])}</div>'

        return BLOCK.sub(swap, text)
