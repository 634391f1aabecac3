"""The step after the build: what spans the whole built site, run once over the site folder, the
same after MkDocs, ProperDocs or Zensical (`nexus postbuild SITE` runs it after an engine that has
no plugin for it). The order is explicit: each step may change pages that a later one reads, and
the Content-Security-Policy, which hashes the theme's inline scripts, goes last.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nexus import ROOT
from nexus.problems import Reporter


@dataclass
class Site:
    folder: Path                   # the built site
    root: Path = ROOT              # the repository
    reporter: Reporter = field(default_factory=Reporter)
    serve: bool = False            # `mkdocs serve`: the live-reload script is added per response
    offline: bool = False          # the offline copy and the preview, opened from file://
    partial: bool = False          # `serve --dirty` rebuilt some pages only
    engine: str = "mkdocs"         # mkdocs (and ProperDocs) or zensical
    notes: list = field(default_factory=list)   # what the steps did, for the log

    def problem(self, path: str, message: str, rule: str, line: int = 1):
        from nexus.problems import Problem
        self.reporter.add(Problem(path, line, message, rule=rule))

    def pages(self):
        return sorted(self.folder.rglob("*.html"))


def finish(site: Site) -> Site:
    from . import csp, diagrams, frame, learning, search, theme_css, vendored
    for step in (vendored.run, theme_css.run, diagrams.run, learning.run, search.run, frame.run, csp.run):
        step(site)
    return site
