"""The thin MkDocs (and ProperDocs) plugin: it wires the hub's engine-neutral steps into the build
and holds nothing of their logic.

- on_config: the git-history guard (page dates come from git), and one Build shared by every
  page's copy of the page steps (nexus.steps, listed in mkdocs.yml's markdown_extensions).
- on_page_markdown: tells the page steps which page they render.
- on_post_build: the step over the built site (nexus.site), after the other plugins' own
  (search writes its index there; list this plugin last).
Every problem is a record on the build's reporter, and a warning, so --strict fails on it.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.plugins import BasePlugin, get_plugin_logger

from nexus.problems import Problem
from nexus.site import Site, finish
from nexus.steps import NexusExtension
from nexus.steps.build import Build, PageContext

log = get_plugin_logger("nexus")
EXTENSION = "nexus.steps"


class NexusPlugin(BasePlugin):
    def __init__(self):
        self.build: Build | None = None
        self.command = "build"
        self.dirty = False
        self.builds = 0

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.build = Build(root)
        if EXTENSION not in config.markdown_extensions:
            self.problem("mkdocs.yml", f"markdown_extensions must list {EXTENSION}: the hub's page steps")
        else:
            at = config.markdown_extensions.index(EXTENSION)
            config.markdown_extensions[at] = NexusExtension(self.build)
            config.mdx_configs.pop(EXTENSION, None)
        git_history(self, config, root)
        config.watch += [str(root / "data"), str(root / "examples/jobboard/contract")]
        return config

    def problem(self, path, message, line=1, rule="config"):
        if self.build is not None:
            self.build.reporter.add(Problem(path, line, message, rule=rule))

    def on_pre_build(self, *, config):
        self.build.reset()
        if self.builds:                       # `mkdocs serve` rebuilt: report this build's problems
            self.build.reporter.problems.clear()
        self.builds += 1

    def on_page_markdown(self, markdown, *, page, config, files):
        self.build.current = PageContext(page.file.src_uri, page.url, page.title or "", dict(page.meta))
        return markdown

    def on_post_build(self, *, config):
        site = Site(Path(config.site_dir), self.build.root, self.build.reporter, serve=self.command == "serve",
                    offline="offline" in [name.split("/")[-1] for name in config.plugins], partial=self.dirty)
        finish(site)
        for note in site.notes:
            log.info(note)
        self.build.close()

    def on_build_error(self, *, error):
        if self.build is not None:
            self.build.close()   # no browser left running after a failed build


def git_history(plugin, config, root: Path):
    """Page dates come from git: a shallow or missing history is a problem (the dates plugin only
    warns on some CI systems, from worker processes --strict does not count). A page never
    committed has no dates to show; it is left out of the dates plugin until its first commit."""
    try:
        result = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root,
                                capture_output=True, text=True, check=False)
    except FileNotFoundError:
        plugin.problem("mkdocs.yml", "git is not installed, so page dates cannot be read. Install git and build "
                                     "from a clone.", rule="git-history")
        return
    if result.returncode != 0:
        plugin.problem("mkdocs.yml", f"{root} is not a git clone, so every page would show the build date as its "
                                     "'created' and 'updated' date. Build from a git clone (git clone URL), not a "
                                     "downloaded zip.", rule="git-history")
    elif result.stdout.strip() == "true":
        plugin.problem("mkdocs.yml", "This is a shallow git clone, so page dates would be wrong. Run `git fetch "
                                     "--unshallow`; in GitHub Actions give actions/checkout `fetch-depth: 0`.",
                       rule="git-history")
    else:
        dates = config.plugins.get("git-revision-date-localized")
        docs = Path(config.docs_dir)
        listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", "HEAD", "--", str(docs)],
                                cwd=root, capture_output=True, text=True, check=False)
        committed = {(root / line).resolve() for line in listed.stdout.splitlines()}
        new = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.resolve() not in committed)
        if dates and new:
            dates.config["exclude"] = list(dates.config.get("exclude", [])) + new
            log.info("%d page(s) not committed yet show no dates until their first commit: %s",
                     len(new), ", ".join(new[:5]) + (" ..." if len(new) > 5 else ""))
