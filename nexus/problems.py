"""Problems as data: every check and every build step reports Problem records (file, line, rule,
message, whether `make fix` can fix it); one function prints them for people and, under GitHub
Actions, as pull-request annotations on the exact line."""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field

# Under MkDocs, a problem is also a warning of the plugin's logger, so `mkdocs build --strict` fails
# on it even when nothing reads the records.
LOG = logging.getLogger("mkdocs.plugins.nexus")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    fixable: bool = False   # `make fix` (nexus/checks/fix.py) can make this change for the author
    rule: str = ""          # which check or step found it: front-matter, structure, diagrams, ...

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" + (" [make fix can fix this]" if self.fixable else "")


@dataclass
class Reporter:
    """Collects a build's problems. Each is logged as a warning too; a build run in another process
    (Zensical) appends them as JSON lines to the file NEXUS_PROBLEMS names, for `nexus build`."""
    problems: list = field(default_factory=list)

    def add(self, problem: Problem):
        if problem in self.problems:
            return
        self.problems.append(problem)
        LOG.warning("%s", problem, extra={"problem": problem})
        sink = os.environ.get("NEXUS_PROBLEMS")
        if sink:
            with open(sink, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(asdict(problem)) + "\n")


def read(sink) -> list[Problem]:
    """The problems another process wrote to NEXUS_PROBLEMS."""
    try:
        with open(sink, encoding="utf-8") as handle:
            return [Problem(**json.loads(line)) for line in handle if line.strip()]
    except FileNotFoundError:
        return []


def report(problems, title: str, out=None):
    """Print each problem as `file:line: message`; under GitHub Actions also as an annotation."""
    import sys
    out = out or sys.stdout
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=out)
        if annotate:
            message = str(problem.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            name = f"{title}: {problem.rule}" if problem.rule else title
            print(f"::error file={problem.path},line={problem.line},title={name}::{message}", file=out)
