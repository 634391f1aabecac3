"""Run `mkdocs build --strict` and restate its warnings as `file:line: message`.

MkDocs names the page but not the line of a broken link; the line is found here by searching
the page for the link, so a contributor (and a pull-request annotation) lands on it directly.
"""
import re
import sys
from pathlib import Path

from nexus import ROOT
from nexus.build import mkdocs

from .pages import Problem

LINK_WARNING = re.compile(r"Doc file '([^']+)' contains an? (?:[a-z]+ )*link '([^']*)'")
NAV_WARNING = re.compile(r"A reference to '([^']+)' is included in the 'nav' configuration")
OMITTED = re.compile(r"^\s+- (\S+\.md)$")
CONFIG_WARNING = re.compile(r"Config value '([^']+)': (?:.*option '([^']+)': )?(.*)")
HOOK_PROBLEM = re.compile(r"selfcheck: (docs/[^\s:]+\.md):(\d+): (.+)$")   # hooks/selfcheck.py
CONFIG_ERROR = ("Aborted with a configuration error", "encountered an error parsing the configuration")


def _line_of(page: Path, target: str, anywhere: bool = False) -> int:
    if page.is_file():
        for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), start=1):
            if anywhere and target in line:
                return number
            if f"({target}" in line or f'"{target}"' in line or f"<{target}>" in line:
                return number
    return 1


def _problems(output: str, root: Path):
    problems, omitted = [], False
    for raw in output.splitlines():
        line = raw.strip()
        match = LINK_WARNING.search(line)
        if match:
            page, target = match.groups()
            message = line.split(" - ", 1)[-1].strip()
            problems.append(Problem(f"docs/{page}", _line_of(root / "docs" / page, target), message))
            continue
        match = HOOK_PROBLEM.search(line)
        if match:
            problems.append(Problem(match.group(1), int(match.group(2)), match.group(3)))
            continue
        match = NAV_WARNING.search(line)
        if match:
            problems.append(Problem("mkdocs.yml", _line_of(root / "mkdocs.yml", match.group(1), anywhere=True),
                                    f"the nav lists '{match.group(1)}', but docs/{match.group(1)} does not exist"))
            continue
        if "are not included in the \"nav\" configuration" in line:
            omitted = True
            continue
        match = OMITTED.match(raw) if omitted else None
        if match:
            problems.append(Problem(f"docs/{match.group(1)}", 1,
                                    "the page is not in the navigation: add it to `nav:` in mkdocs.yml"))
            continue
        omitted = False
        match = CONFIG_WARNING.search(line)
        if match:
            name = match.group(2) or match.group(1)
            problems.append(Problem("mkdocs.yml", _line_of(root / "mkdocs.yml", f"{name}:", anywhere=True),
                                    f"{name}: {match.group(3)}"))
            continue
        if any(marker in line for marker in CONFIG_ERROR):
            problems.append(Problem("mkdocs.yml", 1, "mkdocs.yml is invalid; see the error above"))
    return problems


def strict_build(extra_args, root: Path = ROOT):
    result = mkdocs(["build", "--strict", *extra_args], root)
    output = result.stdout + result.stderr
    sys.stdout.write(output)
    return _problems(output, root), result.returncode
