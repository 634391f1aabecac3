"""Content checks on the Markdown sources in docs/.

Every check returns Problem(path, line, message) records; nothing here raises on bad content.
The rules come from data files: data/page.schema.json (front matter), data/tags.yml (tag
vocabulary) and data/page_rules.yml (required headings per section).
"""
from __future__ import annotations

import ast
import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from markdown.extensions.toc import slugify

from nexus import ROOT, yamlio
from nexus.frontmatter import parse, split
from nexus.page import SNIPPET, Page
from nexus.problems import Problem

from . import fix

INLINE_CODE = re.compile(r"(`+).*?\1")
HTTP_LINK = re.compile(r"http://([^/\s)\"'>]+)")
LOCAL_HOSTS = re.compile(r"^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?$")
LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)")
# Error catalogue entries (docs/troubleshooting/): see check_entries().
ENTRY_ANCHOR = re.compile(r"^## .+ \{#([a-z0-9]+(?:-[a-z0-9]+)+)\}$")
ERROR_TEXT = re.compile(r'^\s*-{1,}8<-{1,}\s+"errors/([^"]+)\.txt"')
WHY_LINK = re.compile(r"\]\((?:\.\./)?(?:tech|concepts|decisions)/[^)\s]+\.md(?:#[^)\s]*)?\)")
REPRODUCED = re.compile(r"^Reproduced by `([^`:]+\.py)::([A-Za-z_][\w]*)`\.$")
TESTED = re.compile(r"^Tested by `([^`:]+\.py)::([A-Za-z_][\w]*)`\.$")
SOURCE = re.compile(r"^Source: .*\[[^\]]+\]\(https://[^)\s]+\)")


class Rules:
    """The vocabularies and schema, loaded once."""

    def __init__(self, root: Path = ROOT):
        self.root = root
        self.tags = yamlio.load((root / "data/tags.yml").read_text(encoding="utf-8"))
        self.technologies = sorted(t for t, v in self.tags.items() if v["kind"] == "technology")
        self.sections = yamlio.load((root / "data/page_rules.yml").read_text(encoding="utf-8"))
        schema = json.loads((root / "data/page.schema.json").read_text(encoding="utf-8"))
        schema["properties"]["tags"]["items"]["enum"] = sorted(self.tags)
        schema["properties"]["technologies"]["items"]["enum"] = self.technologies
        self.schema = schema
        self.validator = Draft202012Validator(schema, format_checker=FormatChecker())


def _key_lines(yaml_text: str) -> dict:
    """Map each top-level key (and key/index for lists) to its line in the file."""
    lines = {}
    node = yamlio.compose(yaml_text)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(key.value,)] = key.start_mark.line + 2
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    lines[(key.value, index)] = item.start_mark.line + 2
    return lines


def _plain(value):
    """YAML dates become ISO strings, so the JSON Schema sees what the author wrote."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _describe(error, rules: Rules) -> str:
    field = ".".join(str(p) for p in error.absolute_path if not isinstance(p, int)) or "front matter"
    schema = error.schema
    if error.validator == "required":
        missing = error.message.split("'")[1]
        hint = rules.schema["properties"][missing]["description"]
        return f"missing required field '{missing}': {hint}"
    if error.validator == "additionalProperties":
        allowed = ", ".join(rules.schema["properties"])
        return f"{error.message}; allowed fields are: {allowed}"
    if error.validator == "enum" and field == "tags":
        return (f"tags: {error.instance!r} is not a known tag; known tags are listed in "
                "data/tags.yml (add a new tag there in the same pull request)")
    if error.validator == "enum" and field == "technologies":
        return (f"technologies: {error.instance!r} is not a technology tag; use one of: "
                + ", ".join(rules.technologies))
    if error.validator == "enum":
        return f"{field}: {error.instance!r} is not allowed; use one of: " + ", ".join(map(str, schema["enum"]))
    if error.validator == "format" and schema.get("format") == "date":
        return f"{field}: {error.instance!r} is not a date; write it as YYYY-MM-DD, for example 2026-01-31"
    if error.validator == "type":
        return f"{field}: expected {schema['type']}, got {type(error.instance).__name__} ({error.instance!r})"
    if error.validator == "pattern" and field in ("title", "description"):
        return (f"{field}: must not contain double quotes or < >, which would break the page's HTML "
                "head; use single quotes or rephrase")
    if error.validator in ("minLength", "maxLength"):
        return (f"{field}: is {len(error.instance)} characters long; it must be "
                f"{schema.get('minLength', 0)}–{schema.get('maxLength', '∞')} characters")
    return f"{field}: {error.message}"


def _fixable(error, rules: Rules) -> bool:
    """A tag in another case, or a date in an unambiguous other format, has one right fix."""
    if error.validator == "enum" and isinstance(error.instance, str):
        return error.instance.lower() in {t.lower() for t in error.schema["enum"]}
    if error.validator == "format" and error.schema.get("format") == "date":
        return fix.parse_date(error.instance) is not None
    return False


def check_front_matter(rel: str, text: str, rules: Rules, today: dt.date | None = None):
    """Schema, vocabulary, dates and prerequisites of one page's front matter."""
    today = today or dt.date.today()
    yaml_text, _ = split(text)
    if yaml_text is None:
        return [Problem(rel, 1, "the page has no front matter: start it with a '---' block "
                                "holding title, description and tags (see CONTRIBUTING.md)")], None
    try:
        meta = parse(yaml_text)
        lines = _key_lines(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return [Problem(rel, line, f"front matter is not valid YAML ({problem}); check quotes, "
                                   "colons and indentation")], None
    if not isinstance(meta, dict):
        return [Problem(rel, 2, "front matter must be a mapping of fields (title: ..., tags: [...])")], None
    problems = []
    for error in sorted(rules.validator.iter_errors(_plain(meta)), key=lambda e: list(e.absolute_path)):
        path = tuple(error.absolute_path)
        line = lines.get(path[:2], lines.get(path[:1], 2))
        problems.append(Problem(rel, line, _describe(error, rules), _fixable(error, rules)))
    order = list(rules.schema["properties"])
    if not fix.in_order(fix.keys(yaml_text), order):
        problems.append(Problem(rel, 2, "front-matter fields are out of order; the order is: "
                                        + ", ".join(order), fixable=True))
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, dt.date) and reviewed > today:
        problems.append(Problem(rel, lines.get(("last_reviewed",), 2),
                                f"last_reviewed: {reviewed} is in the future; use the day you checked the page"))
    for index, prereq in enumerate(meta.get("prerequisites") or []):
        if isinstance(prereq, str) and not (rules.root / "docs" / prereq).is_file():
            problems.append(Problem(rel, lines.get(("prerequisites", index), 2),
                                    f"prerequisites: {prereq!r} is not a page in docs/"))
    return problems, meta


def _section_rules(rel: str, rules: Rules):
    page = rel.removeprefix("docs/")
    if page.endswith("index.md"):
        return None
    for prefix, section in rules.sections.items():
        if page.startswith(prefix):
            return section
    return None


def check_structure(page: Page, meta: dict, rules: Rules):
    """Required fields, H2 headings in order, a snippet or diagram, further-reading links."""
    rel, text = page.rel, page.text
    section = _section_rules(rel, rules)
    if not section or meta is None:
        return []
    problems = []
    for field in section.get("required_fields", []):
        if field not in meta:
            problems.append(Problem(rel, 1, f"missing field '{field}', required for pages in "
                                            f"{rel.split('/')[1]}/ (see data/page_rules.yml)"))
    headings = [(heading.line, heading.text) for heading in page.h2()]
    names = [name for _, name in headings]
    position = -1
    for wanted in section.get("headings", []):
        if wanted not in names:
            problems.append(Problem(rel, 1, f"missing heading '## {wanted}'; pages in this section "
                                            f"need: " + ", ".join(section["headings"])))
            continue
        index = names.index(wanted)
        if index < position:
            problems.append(Problem(rel, headings[index][0], f"heading '## {wanted}' is out of order; "
                                    "the order is: " + ", ".join(section["headings"])))
        position = max(position, index)
    if section.get("snippet_or_diagram") and not page.snippets and not page.diagrams:
        problems.append(Problem(rel, 1, "the page needs at least one snippet included from examples/ "
                                        "or a Mermaid diagram"))
    reading = section.get("further_reading")
    if reading and reading["heading"] in names:
        start = headings[names.index(reading["heading"])][0]
        after = [i for i, _ in headings if i > start]
        end = after[0] if after else 10**9
        count = sum(len(LINK.findall(line)) for i, line in enumerate(text.split("\n"), 1) if start < i < end)
        if not reading["min"] <= count <= reading["max"]:
            problems.append(Problem(rel, start, f"'## {reading['heading']}' has {count} external links; "
                                                f"give {reading['min']}–{reading['max']}, official documentation first"))
    return problems


def check_markup(page: Page):
    """Plain-http links, outside code. (Unsafe HTML and link schemes: the sanitizer's allowlist,
    data/html_allowlist.yml, owns them and the build reports them with their line.)"""
    problems, rel = [], page.rel
    for number, line in page.outside_fences():
        for host in HTTP_LINK.findall(INLINE_CODE.sub("", line)):
            if not LOCAL_HOSTS.match(host):
                problems.append(Problem(rel, number, f"link to http://{host} is not encrypted; use https://"))
    return problems


def check_snippets(page: Page, root: Path = ROOT):
    """Every --8<-- include names an existing file under examples/ and an existing section."""
    problems, rel = [], page.rel
    for snippet in page.snippets:
        number, name, section = snippet.line, snippet.file, snippet.section
        path = root / "examples" / name
        if not path.is_file():
            problems.append(Problem(rel, number, f"snippet file examples/{name} does not exist"))
            continue
        if section and section.replace(":", "").isdigit():
            # Line numbers drift when someone edits the file above them, and the page then shows
            # the wrong lines without any error; a named section moves with its code.
            problems.append(Problem(rel, number, f"snippet 'examples/{name}:{section}' uses line numbers; mark the "
                                                 f"lines with '--8<-- [start:name]' / '[end:name]' comments and "
                                                 f"include '{name}:name'"))
        elif section:
            source = path.read_text(encoding="utf-8")
            for edge in ("start", "end"):
                if f"--8<-- [{edge}:{section}]" not in source:
                    problems.append(Problem(rel, number, f"snippet section '{section}' has no "
                                                         f"'--8<-- [{edge}:{section}]' marker in examples/{name}"))
                    break
    return problems


def _entries(page: Page, skip):
    """A page of entries split at its H2s: (heading line, heading line's text, [(line, text), ...])."""
    return [(heading.line, page.lines[heading.line - 1].rstrip(), lines)
            for heading, lines in page.sections(2) if heading.text not in skip]


def _test_source(path: Path, name: str):
    """The source of test function `name` (decorators included) in a test file, or None."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return "\n".join(source.split("\n")[start - 1:node.end_lineno])
    return None


def _entry_kind(lines, kinds):
    """The kind whose `first` block opens the entry; the first kind without one is the default."""
    first = lines[0][1] if lines else ""
    for name, kind in kinds.items():
        if kind.get("first") and (first.startswith(kind["first"])):
            return name, kind
    default = [(name, kind) for name, kind in kinds.items() if not kind.get("first")]
    return default[0] if default else next(iter(kinds.items()))


def check_entries(page: Page, rules: Rules):
    """The anatomy of each entry on a page of entries: the error catalogue (error and symptom
    entries) and the how-to recipes. Formats: CONTRIBUTING.md, "Error entries" and "Recipes";
    the labels per kind are data (data/page_rules.yml).

    Hand-written: no Markdown linter knows this project's entry format."""
    rel = page.rel
    section = _section_rules(rel, rules) or {}
    spec = section.get("entries")
    if not spec:
        return [], set()
    problems, quoted = [], set()
    # The page's name is its area; a page for two tools (celery-rabbitmq.md) may use either name.
    stem = Path(rel).stem
    areas = [stem] + [part for part in stem.split("-") if part != stem]
    area = areas[0]
    kinds = spec["kinds"]
    for start, heading, lines in _entries(page, set(spec.get("skip", []))):
        match = ENTRY_ANCHOR.match(heading)
        if not match:
            problems.append(Problem(rel, start, "an entry's heading needs an explicit anchor at its end, "
                                                f"like '## `message` {{#{area}-short-slug}}' (lower case)"))
        elif not any(match.group(1).startswith(a + "-") for a in areas):
            problems.append(Problem(rel, start, f"anchor '#{match.group(1)}' must start with the page's area, "
                                                + " or ".join(f"'{a}-'" for a in areas)))
        name, kind = _entry_kind(lines, kinds)
        labels = kind["labels"]
        if kind.get("first") == "```text" and (not lines or not re.match(r"^```text\s*$", lines[0][1])):
            openers = " or ".join(f"{k.get('first')!r}" for k in kinds.values() if k.get("first"))
            problems.append(Problem(rel, lines[0][0] if lines else start,
                                    "the first block of an entry must be the message in a ```text fence"
                                    + (f" (or another kind's opener: {openers})" if len(kinds) > 1 else "")))
        names = {m.group(1) for _, line in lines if (m := ERROR_TEXT.match(line))}
        quoted |= names
        position = -1
        optional = kind.get("optional")
        if optional:
            found = [i for i, (_, line) in enumerate(lines) if line.startswith(optional)]
            first_label = next((i for i, (_, line) in enumerate(lines) if line.startswith(labels[0])), None)
            if found and first_label is not None and found[0] > first_label:
                problems.append(Problem(rel, lines[found[0]][0], f"{optional} belongs right after the message, "
                                                                 f"before {labels[0]}"))
        for label in labels:
            found = [(i, n) for i, (n, line) in enumerate(lines) if line.startswith(label)]
            if not found:
                problems.append(Problem(rel, start, f"{name} entry is missing {label}; it has, in order: "
                                                    + ", ".join(labels)))
                continue
            index, number = found[0]
            if index < position:
                problems.append(Problem(rel, number, f"{label} is out of order; the order is: " + ", ".join(labels)))
            position = max(position, index)
            if label == labels[-1] and not WHY_LINK.search(lines[index][1]):
                problems.append(Problem(rel, number, f"{label} must link to a tech/, concepts/ or decisions/ "
                                                     "page that explains the cause"))
        if not lines:
            continue
        number, last = lines[-1]
        allowed = kind.get("last", ["reproduced", "source"])
        repro, tested = REPRODUCED.match(last), TESTED.match(last)
        if repro and "reproduced" in allowed:
            problems += _check_reproduction(rel, number, repro.group(1), repro.group(2), names, rules.root)
        elif tested and "tested" in allowed:
            problems += _check_test(rel, number, tested.group(1), tested.group(2), lines, rules.root)
        elif not (SOURCE.match(last) and "source" in allowed):
            endings = {"reproduced": "'Reproduced by `<file under examples/>::<test>`.'",
                       "tested": "'Tested by `<file under examples/>::<test>`.'",
                       "source": "'Source: [the tool's docs or source](https://...)'"}
            problems.append(Problem(rel, number, f"{'an' if name == 'error' else 'a'} {name} entry ends with "
                                                 + " or ".join(endings[e] for e in allowed)))
        elif names:
            problems.append(Problem(rel, number, "an entry that quotes errors/" + sorted(names)[0] + ".txt is "
                                                 "reproduced: end it with 'Reproduced by `<file>::<test>`.'"))
    return problems, quoted


def _check_test(rel, number, file, test, lines, root):
    """A tested entry runs code the page shows: it includes a file from examples/, and the test exists."""
    if not any(SNIPPET.match(line) for _, line in lines):   # the entry's own lines: nexus.page's rule
        return [Problem(rel, number, "a tested entry shows the code its test runs: include it from examples/ "
                                     "with --8<--")]
    path = root / "examples" / file
    if not path.is_file():
        return [Problem(rel, number, f"test file examples/{file} does not exist")]
    if _test_source(path, test) is None:
        return [Problem(rel, number, f"examples/{file} defines no test function '{test}'")]
    return []


def _check_reproduction(rel, number, file, test, names, root):
    path = root / "examples" / file
    if not names:
        return [Problem(rel, number, "a reproduced entry quotes its message from examples/errors/<area>/<slug>.txt "
                                     "with --8<--, so the page and the test share one text")]
    if not path.is_file():
        return [Problem(rel, number, f"test file examples/{file} does not exist")]
    source = _test_source(path, test)
    if source is None:
        return [Problem(rel, number, f"examples/{file} defines no test function '{test}'")]
    return [Problem(rel, number, f"examples/{file}::{test} does not use the quoted message "
                                 f"'{name}' (call assert_reproduces(output, \"{name}\"))")
            for name in sorted(names) if f'"{name}"' not in source and f"'{name}'" not in source]


def check_quoted_errors(quoted: set, root: Path = ROOT):
    """Every examples/errors/<area>/<slug>.txt is quoted by some page: no message is kept for nothing.
    (Files deeper down, and the tests/ folder, are test inputs, not quoted messages.)"""
    folder = root / "examples" / "errors"
    return [Problem(path.relative_to(root).as_posix(), 1, "no page in docs/troubleshooting/ quotes this message; "
                                                           "include it in its entry or delete it")
            for path in sorted(folder.glob("*/*.txt"))
            if path.parent.name != "tests" and path.relative_to(folder).with_suffix("").as_posix() not in quoted]


def check_page(path: Path, rules: Rules, today: dt.date | None = None, quoted: set | None = None):
    rel = path.relative_to(rules.root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(rel, 1, f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")]
    page = Page.parse(rel, text)
    front, meta = check_front_matter(rel, text, rules, today)
    entries, names = check_entries(page, rules)
    if quoted is not None:
        quoted |= names
    from . import selfcheck   # imported here: it imports this module
    found = {"front-matter": front, "structure": check_structure(page, meta, rules), "markup": check_markup(page),
             "snippets": check_snippets(page, rules.root),
             "selfcheck": selfcheck.check(page, _section_rules(rel, rules), rules.root), "entries": entries}
    return [replace(problem, rule=rule) for rule, problems in found.items() for problem in problems]


def glossary_anchor(term: str) -> str:
    """A term's anchor on the glossary page (glossary/#acid), as its heading's id is made."""
    return slugify(term, "-")


def check_glossary(root: Path = ROOT):
    """data/glossary.yml: every term has a definition and its own anchor, and every `see` link names
    a real page. (the glossary step, nexus/steps/glossary.py, runs this too, so `mkdocs serve` refuses what `make check` does.)"""
    rel = "data/glossary.yml"
    if not (root / rel).is_file():
        return [Problem(rel, 1, "the glossary file is missing; it feeds docs/glossary.md and every tooltip")]
    text = (root / rel).read_text(encoding="utf-8")
    try:
        entries = yamlio.load(text) or {}
        node = yamlio.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(rel, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    lines = {}
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        lines[key.value] = key.start_mark.line + 1
        for field, _ in value.value if isinstance(value, yaml.MappingNode) else []:
            lines[(key.value, field.value)] = field.start_mark.line + 1
    problems = []
    if not isinstance(entries, dict):
        return [Problem(rel, 1, "the glossary must map each term to its definition")]
    taken = {}
    for term in entries:
        slug = glossary_anchor(str(term))
        if len(slug) < 2 or slug in taken:
            problems.append(Problem(rel, lines.get(term, 1), f"term {term!r} needs its own anchor: "
                                    + (f"it makes #{slug}, as {taken[slug]!r} does" if slug in taken
                                       else "a one-letter term would take a letter heading's")))
        taken.setdefault(slug, term)
    for term, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("definition"), str):
            problems.append(Problem(rel, lines.get(term, 1), f"term {term!r} needs a `definition:` text"))
            continue
        unknown = set(entry) - {"definition", "expansion", "see"}
        if unknown:
            problems.append(Problem(rel, lines.get(term, 1), f"term {term!r} has unknown fields {sorted(unknown)}; "
                                                             "use definition, expansion and see"))
        see = entry.get("see")
        if see and not (root / "docs" / see.split("#")[0]).is_file():
            problems.append(Problem(rel, lines.get((term, "see"), 1),
                                    f"term {term!r}: see: {see.split('#')[0]!r} is not a page in docs/"))
    return problems


def check_nav_titles(root: Path = ROOT):
    """A page's title is written once, in its front matter: `nav:` lists bare paths, so the two
    can never disagree. (Which pages the nav lists is MkDocs' own validation: mkdocs.yml.)"""
    # compose(), not load(): the node tree has line numbers, and MkDocs' own tags (!ENV) need no constructor.
    try:
        config = yamlio.compose((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return []   # an unreadable mkdocs.yml is the strict build's to report, with its line
    if not isinstance(config, yaml.MappingNode):
        return []
    nav = next((value for key, value in config.value if key.value == "nav"), None)
    problems, todo = [], [nav] if nav is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.ScalarNode):   # `- Title: page.md`; a section maps to a list
                    if not value.value.endswith(".md"):
                        continue                           # an outside link needs its title
                    problems.append(Problem("mkdocs.yml", key.start_mark.line + 1, f"the nav gives {value.value} a "
                                            f"title; list the bare path (- {value.value}) and set `title:` in the "
                                            "page's front matter"))
                else:
                    todo.append(value)
    return sorted(problems, key=lambda problem: problem.line)


def check_all(root: Path = ROOT, today: dt.date | None = None):
    from .questions import check_questions   # imported here: it imports this module
    rules = Rules(root)
    problems = ([replace(p, rule="glossary") for p in check_glossary(root)]
                + [replace(p, rule="nav") for p in check_nav_titles(root)]
                + [replace(p, rule="questions") for p in check_questions(root)])
    quoted = set()
    for path in sorted((root / "docs").rglob("*.md")):
        problems += check_page(path, rules, today, quoted)
    return problems + [replace(p, rule="entries") for p in check_quoted_errors(quoted, root)]
