"""The page model: each Markdown page parsed once, for the checks, `fix`, the PR summary and the
build steps alike.

A page is its front matter (with the line of every key) and a body parsed by markdown-it-py into
what the hub cares about, each with its line: fenced blocks (nested correctly: a fence closes only
on a marker of its own character at least as long), headings with the ids the table of contents
gives them, `--8<--` snippet includes, self-check blocks and diagrams. One parser, so no two tools
can disagree about where a fence ends or what a heading's id is.

pymdown's block containers (`!!! note`, `??? tip`, `=== "Tab"`) hold indented Markdown that plain
CommonMark would read as paragraph text; one small block rule (below) parses their bodies as
Markdown, as pymdown does, so a fence inside a tab is a fence here too.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from . import frontmatter

SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"')
ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
CONTAINER = re.compile(r"^(!!!|\?\?\?\+?|===\+?)\s+\S")


@dataclass
class Fence:
    start: int            # line of the opening fence (1-based)
    end: int              # line of the closing fence; 0 when the fence is never closed
    info: str             # what follows the marker: "python title=...", "selfcheck", "mermaid"
    marker: str           # ``` or ````, ~~~ ...
    body: str
    indent: int = 0

    @property
    def lang(self) -> str:
        return self.info.split()[0].lstrip("{.").rstrip("}") if self.info.strip() else ""

    def holds(self, line: int) -> bool:
        return self.start <= line <= (self.end or 10**9)


@dataclass
class Heading:
    line: int
    level: int
    text: str             # the heading's Markdown, without its attribute list
    id: str               # the anchor the table of contents gives it
    explicit: bool        # the id was written as {#id}


@dataclass
class Snippet:
    line: int
    target: str           # file[:section] relative to examples/

    @property
    def file(self) -> str:
        return self.target.partition(":")[0]

    @property
    def section(self) -> str:
        return self.target.partition(":")[2]


def _container(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """pymdown's admonitions, details and tabs: a marker line, then a body indented by four.
    Hand-written because no markdown-it plugin knows pymdown's tabs (mdit-py-plugins' admon
    knows !!! and ??? only); the body is tokenized as Markdown, like pymdown does."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not CONTAINER.match(line):
        return False
    if silent:
        return True
    old_indent, old_max, old_parent = state.blkIndent, state.lineMax, state.parentType
    state.blkIndent = state.sCount[start] + 4
    last, blank = start + 1, False
    while last < end:
        empty = state.isEmpty(last)
        if not empty and state.sCount[last] < state.blkIndent:
            break
        if empty and blank:
            break
        blank = empty
        last += 1
    token = state.push("container_open", "div", 1)
    token.map, token.info = [start, last], line
    state.parentType = "container"
    state.lineMax = last
    state.md.block.tokenize(state, start + 1, last)
    state.push("container_close", "div", -1)
    state.blkIndent, state.lineMax, state.parentType = old_indent, old_max, old_parent
    state.line = last
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.block.ruler.before("fence", "pymdown_container", _container,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return md


_MD = _parser()


@dataclass
class Page:
    """One Markdown page. `rel` is its path from the repository root (docs/tech/django.md)."""
    rel: str
    text: str
    meta: dict | None = None
    meta_error: yaml.YAMLError | None = None
    fences: list[Fence] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    body_start: int = 1

    @classmethod
    def read(cls, path: Path, root: Path) -> "Page":
        return cls.parse(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, rel: str, text: str) -> "Page":
        page = cls(rel, text)
        yaml_text, page.body_start = frontmatter.split(text)
        if yaml_text is not None:
            try:
                page.meta = frontmatter.parse(yaml_text)
            except yaml.YAMLError as error:
                page.meta_error = error
        lines = text.split("\n")
        offset = page.body_start - 1
        body = "\n".join(lines[offset:])
        taken: set = set()
        tokens = _MD.parse(body)
        for index, token in enumerate(tokens):
            if token.type == "fence" and token.map:
                first = token.map[0] + offset
                closer = lines[token.map[1] - 1 + offset] if token.map[1] - 1 + offset < len(lines) else ""
                closed = closer.strip().startswith(token.markup) and set(closer.strip()) == {token.markup[0]} \
                    and token.map[1] - 1 > token.map[0]
                page.fences.append(Fence(first + 1, token.map[1] + offset if closed else 0, token.info.strip(),
                                         token.markup, token.content.rstrip("\n"),
                                         len(lines[first]) - len(lines[first].lstrip())))
            elif token.type == "heading_open" and token.map:
                inline = tokens[index + 1].content
                found = ATTR_ID.search(inline)
                text = ATTR_LIST.sub("", inline).strip()
                ident = found.group(1) if found else unique(slugify(_plain(text), "-"), taken)
                taken.add(ident)
                page.headings.append(Heading(token.map[0] + offset + 1, int(token.tag[1]), text, ident, bool(found)))
        return page

    # What the checks ask of a page ------------------------------------------------------------

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def fence_at(self, line: int) -> Fence | None:
        return next((fence for fence in self.fences if fence.holds(line)), None)

    def outside_fences(self):
        """(line number, line) for every body line outside fenced code."""
        inside = {n for fence in self.fences for n in range(fence.start, (fence.end or len(self.lines)) + 1)}
        for number, line in enumerate(self.lines, start=1):
            if number >= self.body_start and number not in inside:
                yield number, line

    @cached_property
    def snippets(self) -> list[Snippet]:
        """Every --8<-- include: pymdown's snippets run before any other parsing, fences included."""
        return [Snippet(number, match.group(1)) for number, line in enumerate(self.lines, start=1)
                if (match := SNIPPET.match(line))]

    def blocks(self, lang: str) -> list[Fence]:
        return [fence for fence in self.fences if fence.lang == lang]

    @property
    def selfchecks(self) -> list[Fence]:
        return self.blocks("selfcheck")

    @property
    def diagrams(self) -> list[Fence]:
        return self.blocks("mermaid")

    def h2(self) -> list[Heading]:
        return [heading for heading in self.headings if heading.level == 2]

    def heading_before(self, line: int) -> Heading | None:
        before = [heading for heading in self.headings if heading.line < line]
        return before[-1] if before else None

    def sections(self, level: int = 2):
        """(heading, [(line, text) of the non-blank lines under it]) for each heading of `level`."""
        marks = [heading for heading in self.headings if heading.level <= level]
        for index, heading in enumerate(marks):
            if heading.level != level:
                continue
            stop = marks[index + 1].line if index + 1 < len(marks) else len(self.lines) + 1
            yield heading, [(n, self.lines[n - 1].rstrip()) for n in range(heading.line + 1, stop)
                            if self.lines[n - 1].strip()]


def _plain(markdown: str) -> str:
    """A heading's text as the toc extension slugifies it: rendered, without tags, unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.renderInline(markdown)))
