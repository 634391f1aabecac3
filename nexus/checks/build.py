"""The strict build, in this process, with its problems as records.

The hub's own steps report Problem records (file, line, rule, message) on the build's reporter; they
are read from the plugin, not from the log. MkDocs' own warnings (a broken link, a page outside the
navigation, a config value) exist only as log records: they are captured here, and the few MkDocs
phrasings that name a page get its line from the page model. Anything else is reported as it is,
against mkdocs.yml. The engine (MkDocs or ProperDocs) is imported as `engine`.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from nexus import ROOT
from nexus.problems import Problem

LINK_WARNING = re.compile(r"Doc file '([^']+)' contains an? (?:[a-z]+ )*link '([^']*)'")
NAV_WARNING = re.compile(r"A reference to '([^']+)' is included in the 'nav' configuration")
OMITTED = re.compile(r"^\s+- (\S+\.md)$", re.M)
CONFIG_WARNING = re.compile(r"Config value '([^']+)': (?:.*option '([^']+)': )?(.*)")


class Captured(logging.Handler):
    """Warnings and errors of the engine's loggers, as they happen."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def line_of(path: Path, target: str, anywhere: bool = False) -> int:
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if anywhere and target in line:
                return number
            if f"({target}" in line or f'"{target}"' in line or f"<{target}>" in line:
                return number
    return 1


def from_message(message: str, root: Path) -> list[Problem]:
    """MkDocs' own warning or error, as problems with the file and line where it can be found."""
    message = message.strip()
    match = LINK_WARNING.search(message)
    if match:
        page, target = match.groups()
        return [Problem(f"docs/{page}", line_of(root / "docs" / page, target), message, rule="links")]
    match = NAV_WARNING.search(message)
    if match:
        return [Problem("mkdocs.yml", line_of(root / "mkdocs.yml", match.group(1), anywhere=True),
                        f"the nav lists '{match.group(1)}', but docs/{match.group(1)} does not exist", rule="nav")]
    if 'are not included in the "nav" configuration' in message:
        return [Problem(f"docs/{page}", 1, "the page is not in the navigation: add it to `nav:` in mkdocs.yml",
                        rule="nav") for page in OMITTED.findall(message)]
    match = CONFIG_WARNING.search(message)
    if match:
        name = match.group(2) or match.group(1)
        return [Problem("mkdocs.yml", line_of(root / "mkdocs.yml", f"{name}:", anywhere=True),
                        f"{name}: {match.group(3)}", rule="config")]
    return [Problem("mkdocs.yml", 1, message, rule="build")]


def strict_build(root: Path = ROOT, site_dir: Path | None = None, **overrides) -> tuple[list[Problem], int]:
    """Build the site strictly; return (problems, exit code). A problem never raises: a broken
    page, a broken mkdocs.yml and a failing step all come back as records."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    capture = Captured()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    problems, code = [], 0
    try:
        options = dict(overrides, strict=True)
        if site_dir is not None:
            options["site_dir"] = str(site_dir)
        try:
            config = load_config(str(root / "mkdocs.yml"), **options)
        except (exceptions.ConfigurationError, exceptions.Abort) as error:   # strict: a warning aborts
            return _config_problems(str(error), capture, root), 1
        except Exception as error:   # a YAML error in mkdocs.yml, before MkDocs can say which option
            mark = getattr(error, "problem_mark", None)
            return [Problem("mkdocs.yml", mark.line + 1 if mark else 1, f"mkdocs.yml is invalid: {error}",
                            rule="config")], 1
        plugin = config.plugins.get("nexus")
        try:
            build(config)
        except (exceptions.Abort, exceptions.PluginError, exceptions.BuildError) as error:
            code = 1
            if not isinstance(error, exceptions.Abort):
                problems += from_message(str(error), root)
        reported = list(plugin.build.reporter.problems) if plugin and plugin.build else []
        for record in capture.records:
            if getattr(record, "problem", None) is None:
                problems += from_message(record.getMessage(), root)
        problems = reported + problems
        return problems, (1 if problems or code else 0)
    finally:
        logger.removeHandler(capture)


def _config_problems(message: str, capture: Captured, root: Path) -> list[Problem]:
    found = []
    for record in capture.records:
        found += from_message(record.getMessage(), root)
    if not found:
        found = [Problem("mkdocs.yml", 1, f"mkdocs.yml is invalid: {message}", rule="config")]
    return found
