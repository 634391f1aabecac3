"""One build's shared state for the page steps: the project root, the reporter, the page being
rendered, and what is read once per build (front matter of every page, the navigation, the
glossary, the API contract, the diagram renderer)."""
from __future__ import annotations

import atexit
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from nexus import ROOT, config, frontmatter
from nexus.problems import Problem, Reporter

# Zensical makes a new extension object for every page; the build it belongs to is found here,
# by project root. (MkDocs gets its Build from the plugin and never looks here.)
_BUILDS: dict[Path, "Build"] = {}
_LOCK = threading.Lock()


@dataclass
class PageContext:
    path: str                     # docs-relative source path: tech/django.md
    url: str = ""
    title: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return f"docs/{self.path}"


@dataclass
class Build:
    root: Path = ROOT
    reporter: Reporter = field(default_factory=Reporter)
    # Set by the MkDocs plugin for each page; under Zensical its own context preprocessor has it.
    current: PageContext | None = None
    # Pages with a new diagram no browser could draw here: left for the reader's browser.
    in_browser: list = field(default_factory=list)

    @classmethod
    def of(cls, root: Path = ROOT) -> "Build":
        with _LOCK:
            if root not in _BUILDS:
                _BUILDS[root] = cls(root)
                atexit.register(_BUILDS[root].close)
            return _BUILDS[root]

    def page(self, md) -> PageContext | None:
        """The page being rendered: Zensical's context preprocessor (`rendering_context`, which the
        MkDocs plugin registers too) or the plugin's current page."""
        if "rendering_context" in md.preprocessors:
            page = getattr(md.preprocessors["rendering_context"], "page", None)
            if isinstance(page, PageContext):
                return page
            if page is not None and getattr(page, "path", None):
                meta = dict(getattr(page, "meta", None) or {})
                return PageContext(page.path, getattr(page, "url", ""), str(meta.get("title") or ""), meta)
        return self.current

    def problem(self, page: PageContext | None, line: int, message: str, rule: str):
        self.reporter.add(Problem(page.rel if page else "mkdocs.yml", line, message, rule=rule))

    # Read once per build --------------------------------------------------------------------

    @cached_property
    def allowlist(self):
        from nexus import sanitize
        return sanitize.load(self.root / "data/html_allowlist.yml")

    @cached_property
    def nav(self):
        return config.nav(self.root)

    @cached_property
    def front_matter(self) -> dict:
        """Source path -> front matter, for every page in docs/ ({} where the YAML is broken:
        the page check reports it, with its line)."""
        out = {}
        for path in sorted((self.root / "docs").rglob("*.md")):
            try:
                out[path.relative_to(self.root / "docs").as_posix()] = frontmatter.load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                out[path.relative_to(self.root / "docs").as_posix()] = {}
        return out

    @cached_property
    def glossary(self):
        from .glossary import load
        return load(self.root, self.reporter)

    @cached_property
    def contract(self):
        from .api_reference import Contract
        return Contract(self.root)

    @cached_property
    def renderer(self):
        from nexus.checks import diagrams
        return diagrams.Renderer(self.root)

    def reset(self):
        """A new build of the same site (`mkdocs serve` rebuilds): read everything again."""
        self.close()
        self.in_browser.clear()
        for name in ("nav", "front_matter", "glossary", "contract"):
            self.__dict__.pop(name, None)

    def close(self):
        """Stop the diagram browser, if one started, and say what it did."""
        from nexus.problems import LOG
        if "renderer" not in self.__dict__:
            return
        renderer = self.__dict__.pop("renderer")
        renderer.close()
        if renderer.drawn:
            LOG.info("%d new diagram(s) drawn in %.1f s into data/diagrams/: commit them with the page.",
                     renderer.drawn, renderer.seconds)
        if self.in_browser:
            LOG.info("%d diagram(s) are not in data/diagrams/ and cannot be drawn here: %s. Your browser draws them "
                     "(Mermaid from node_modules); the deploy draws them ahead.", len(self.in_browser),
                     renderer.unavailable)
