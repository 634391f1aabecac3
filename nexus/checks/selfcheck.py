"""The self-check syntax: one owner for finding, parsing and validating ```selfcheck blocks.

`nexus check` and the build step (nexus/steps/selfcheck.py) both call `parse()`, so a
malformed self-check is reported the same way in both, as `docs/path.md:LINE: message`.
The structure is data/selfcheck.schema.json; rules a JSON Schema cannot express (exactly one
correct option, unique ids, the example file exists) are checked here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from nexus import ROOT, yamlio
from nexus.page import Page

from nexus.problems import Problem

TYPES = ("single", "multiple", "order", "output")
FIELDS = {"single": "id, type, prompt, options", "multiple": "id, type, prompt, options",
          "output": "id, type, prompt, file, options", "order": "id, type, prompt, steps, why"}


@dataclass
class Block:
    start: int                 # line of the opening fence (1-based)
    end: int                   # line of the closing fence
    body: str


@dataclass
class SelfCheck:
    block: Block
    questions: list = field(default_factory=list)


@lru_cache(maxsize=None)
def validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "data/selfcheck.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def find(page: Page) -> list[Block]:
    """Every ```selfcheck block of the page (nexus.page finds fences), in order."""
    return [Block(fence.start, fence.end, fence.body) for fence in page.selfchecks]


def _lines(node, path=(), out=None):
    """Map each path in the YAML tree (('0', 'options', 1, 'why')) to the line its value starts on."""
    out = {} if out is None else out
    out[path] = node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, path + (index,), out)
    return out


def _where(question, index):
    ident = question.get("id") if isinstance(question, dict) else None
    return f"question {index + 1} ('{ident}')" if isinstance(ident, str) else f"question {index + 1}"


def _describe(error, questions) -> str:
    path = list(error.absolute_path)
    if not path:
        if error.validator == "type":
            return "the block must be a YAML list of questions, each starting with '- id: ...'"
        return f"the block needs at least one question ({error.message})"
    index, rest = path[0], path[1:]
    question = questions[index] if isinstance(index, int) and index < len(questions) else {}
    where = _where(question, index)
    name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in rest).replace(".[", "[")
    schema, value = error.schema, error.instance
    kind = question.get("type") if isinstance(question, dict) else None
    if error.validator == "required":
        missing = error.message.split("'")[1]
        label = f"{name}: " if name else ""
        hints = {"why": "explain why it is right or wrong, with a link to the section that teaches it",
                 "correct": "", "options": "give 2–5 options", "steps": "give 3–6 steps in the right order",
                 "file": "name a Python file under examples/, e.g. selfcheck/generators_first.py"}
        hint = hints.get(missing, "")
        return f"{where}: {label}missing required field '{missing}'" + (f" ({hint})" if hint else "")
    if error.validator == "additionalProperties":
        extra = ", ".join(sorted(set(value) - set(schema.get("properties", {}))))
        if not name and kind in FIELDS:
            return f"{where}: field(s) {extra} not used by '{kind}' questions; the fields are: {FIELDS[kind]}"
        return f"{where}: {name}: unknown field(s) {extra}; an option has text, why and correct"
    if error.validator == "enum" and rest == ["type"]:
        return f"{where}: type {value!r} is not a question type; use one of: " + ", ".join(TYPES)
    if error.validator == "pattern" and rest == ["id"]:
        return (f"{where}: id {value!r} must be a lower-case slug (letters, digits and hyphens), "
                "e.g. 'delay-returns-at-once'")
    if error.validator == "pattern" and rest == ["file"]:
        return f"{where}: file {value!r} must be a .py path relative to examples/, e.g. selfcheck/demo.py"
    if error.validator in ("pattern", "minLength") and isinstance(value, str):
        return f"{where}: {name} is empty; write the text"
    if error.validator == "type":
        wanted = {"string": "text", "array": "a list", "object": "a mapping", "boolean": "true or false"}
        wanted = wanted.get(schema.get("type"), schema.get("type"))
        got = type(value).__name__
        advice = f"; quote it: \"{value}\"" if schema.get("type") == "string" and not isinstance(value, (list, dict)) else ""
        return f"{where}: {name or 'the question'} must be {wanted}, got {got} ({value!r}){advice}"
    if error.validator in ("minItems", "maxItems"):
        return (f"{where}: {name} has {len(value)} item(s); give "
                f"{schema.get('minItems', 0)}–{schema.get('maxItems', '∞')}")
    if error.validator == "uniqueItems":
        return f"{where}: {name} has the same step twice; every step must be different"
    if error.validator == "maxLength":
        return f"{where}: {name} is longer than {schema['maxLength']} characters"
    return f"{where}: {name}: {error.message}" if name else f"{where}: {error.message}"


def _rules(questions, root: Path):
    """(path, message) for what the schema cannot say."""
    out, seen = [], {}
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        where = _where(question, index)
        ident = question.get("id")
        if isinstance(ident, str):
            if ident in seen:
                out.append(((index, "id"), f"{where}: id '{ident}' is already used by question "
                                           f"{seen[ident] + 1}; ids must be unique on the page"))
            seen.setdefault(ident, index)
        kind, options = question.get("type"), question.get("options")
        if kind in ("single", "multiple", "output") and isinstance(options, list):
            right = [o for o in options if isinstance(o, dict) and o.get("correct") is True]
            if kind in ("single", "output") and len(right) != 1:
                out.append(((index, "options"), f"{where}: a '{kind}' question needs exactly one option "
                                                f"with 'correct: true', found {len(right)}"))
            if kind == "multiple" and not right:
                out.append(((index, "options"), f"{where}: a 'multiple' question needs at least one option "
                                                "with 'correct: true', found 0"))
            texts = [o.get("text") for o in options if isinstance(o, dict)]
            if len(set(map(str, texts))) != len(texts):
                out.append(((index, "options"), f"{where}: two options have the same text"))
        path = question.get("file")
        if kind == "output" and isinstance(path, str) and path.endswith(".py"):
            examples = (root / "examples").resolve()
            target = (examples / path).resolve()
            if examples not in target.parents or not target.is_file():
                out.append(((index, "file"), f"{where}: file examples/{path} does not exist"))
    return out


def parse(page: Page, root: Path = ROOT):
    """Return (SelfCheck or None, problems) for one page."""
    rel = page.rel
    blocks = find(page)
    if not blocks:
        return None, []
    problems = [Problem(rel, extra.start, "a page has one self-check; merge this block into the first "
                                          f"one (line {blocks[0].start})") for extra in blocks[1:]]
    block = blocks[0]
    if not block.end:
        problems.append(Problem(rel, block.start, "the ```selfcheck block is never closed; end it with ```"))
        return None, problems
    first = block.start + 1          # file line of the block's first YAML line
    try:
        questions = yamlio.load(block.body)
        lines = _lines(yamlio.compose(block.body)) if questions is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, problems + [Problem(rel, first + (mark.line if mark else 0),
                                         f"self-check is not valid YAML ({problem}); check indentation, "
                                         "and quote text that contains ': ' or starts with a special "
                                         "character")]
    if questions is None:
        return None, problems + [Problem(rel, block.start, "the self-check is empty; add questions")]

    def line_of(path):
        path = tuple(path)
        while path and path not in lines:
            path = path[:-1]
        return first + lines.get(path, 0)

    raw = questions if isinstance(questions, list) else []
    errors = sorted(validator().iter_errors(questions), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        if error.validator in ("allOf", "if"):
            continue
        problems.append(Problem(rel, line_of(error.absolute_path), "self-check " + _describe(error, raw)))
    for path, message in _rules(raw, root):
        problems.append(Problem(rel, line_of(path), "self-check " + message))
    problems = sorted(set(problems), key=lambda p: (p.line, p.message))   # two schema rules may say the same
    return (None if problems else SelfCheck(block, questions)), problems


def check(page: Page, section: dict | None, root: Path = ROOT):
    """Syntax problems of the page's self-check, plus the section's requirement
    (`selfcheck: {min, max, heading}` in data/page_rules.yml), if it sets one."""
    rel = page.rel
    found, problems = parse(page, root)
    rule = (section or {}).get("selfcheck")
    if not rule or problems:
        return problems
    where = f"pages in {rel.split('/')[1]}/"
    span = f"{rule['min']}–{rule['max']}"
    if found is None:
        return [Problem(rel, 1, f"{where} need a self-check: a '## {rule['heading']}' section with a "
                                f"```selfcheck block of {span} questions (see CONTRIBUTING.md)")]
    count = len(found.questions)
    if not rule["min"] <= count <= rule["max"]:
        problems.append(Problem(rel, found.block.start, f"the self-check has {count} question(s); "
                                                        f"{where} need {span}"))
    above = [heading for heading in page.h2() if heading.line < found.block.start]
    if not above or above[-1].text != rule["heading"]:
        problems.append(Problem(rel, found.block.start, f"the self-check must sit in its own "
                                                        f"'## {rule['heading']}' section"))
    return problems
