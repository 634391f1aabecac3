"""data/questions.yml, the map of real questions: the schema (data/questions.schema.json), one
entry per source, and an answer that names a page in docs/. Whether the anchor exists is a fact of
the built site (tests/test_questions.py); whether search finds it, of the site's search worker
(tests/test_search_index.py)."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from nexus import ROOT, yamlio

from nexus.problems import Problem

REL = "data/questions.yml"


def load(root: Path = ROOT) -> list:
    return yamlio.load((root / REL).read_text(encoding="utf-8")) or []


def validator(root: Path = ROOT) -> Draft202012Validator:
    schema = json.loads((root / "data/questions.schema.json").read_text(encoding="utf-8"))
    tags = yamlio.load((root / "data/tags.yml").read_text(encoding="utf-8"))
    schema["items"]["properties"]["topic"]["enum"] = sorted(tags)
    return Draft202012Validator(schema)


def check_questions(root: Path = ROOT):
    path = root / REL
    if not path.is_file():
        return [Problem(REL, 1, "the question map is missing (see CONTRIBUTING.md, 'The question map')")]
    text = path.read_text(encoding="utf-8")
    try:
        entries = yamlio.load(text) or []
        node = yamlio.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(REL, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(entries, list):
        return [Problem(REL, 1, "the question map is a list of entries (- question: ...)")]
    lines = [item.start_mark.line + 1 for item in node.value] if isinstance(node, yaml.SequenceNode) else []
    line = lambda index: lines[index] if index < len(lines) else 1   # noqa: E731
    problems = []
    for error in validator(root).iter_errors(entries):
        index = error.absolute_path[0] if error.absolute_path else None
        field = ".".join(str(p) for p in list(error.absolute_path)[1:]) or "entry"
        problems.append(Problem(REL, line(index) if index is not None else 1, f"{field}: {error.message}"))
    seen = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        source = entry.get("source")
        if source in seen:
            problems.append(Problem(REL, line(index), f"source {source} is already the source of the entry "
                                                      f"at line {line(seen[source])}: one entry per question"))
        seen.setdefault(source, index)
        answer = str(entry.get("answer", ""))
        page = answer.split("#")[0]
        if page and not (root / "docs" / page).is_file():
            problems.append(Problem(REL, line(index), f"answer: {page!r} is not a page in docs/"))
    return sorted(problems, key=lambda problem: problem.line)
