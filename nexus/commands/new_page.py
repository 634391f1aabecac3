"""Start a new page: `make new-page SECTION=tech TITLE="Nginx" TAGS=nginx`.

Writes docs/<section>/<slug>.md with valid front matter and the section's required headings
(from data/page_rules.yml), adds it to the end of its section in mkdocs.yml's nav, and prints
what to do next. Anything not given on the command line is asked for. The result passes
`make check` as it is, so a contributor can preview it at once and fill it in.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from nexus import ROOT, yamlio
# The tag a page gets when none is given, for sections that have one (data/tags.yml, kind: section).
SECTION_TAGS = {"path": "learning-path", "challenges": "challenge", "practices": "best-practice",
                "collab": "collaboration", "howto": "how-to", "decisions": "decision-guide"}
PLACEHOLDER = "Replace this paragraph: say in two or three sentences what the reader learns here."
DIAGRAM = """```mermaid
flowchart LR
    A["Replace this diagram"] --> B["or include code from examples/"]
```"""
# Placeholder links that pass the 3-link rule; the comment above them says to replace them.
READING = ["- [Python documentation](https://docs.python.org/3/)",
           "- [Django documentation](https://docs.djangoproject.com/en/5.2/)",
           "- [MDN Web Docs](https://developer.mozilla.org/en-US/)"]


class ScaffoldError(Exception):
    """A reason the page can't be made, phrased for the contributor."""


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not slug:
        raise ScaffoldError(f"the title {title!r} has no letters or digits to make a file name from")
    return slug


def sections(root: Path) -> dict:
    """Folder name -> its rule in data/page_rules.yml."""
    rules = yamlio.load((root / "data/page_rules.yml").read_text(encoding="utf-8"))
    return {prefix.rstrip("/"): rule for prefix, rule in rules.items()}


def known_tags(root: Path) -> dict:
    return yamlio.load((root / "data/tags.yml").read_text(encoding="utf-8"))


def front_matter(title: str, tags: list[str], rule: dict, vocabulary: dict, today: dt.date) -> str:
    meta = {"title": title,
            "description": f"{title}: replace this with one or two sentences on what the page teaches and for whom.",
            "tags": tags}
    fields = rule.get("required_fields", [])
    if "technologies" in fields:
        meta["technologies"] = [t for t in tags if vocabulary.get(t, {}).get("kind") == "technology"] or ["python"]
    if "level" in fields:
        meta["level"] = "beginner"
    if "prerequisites" in fields:
        meta["prerequisites"] = []
    if "last_reviewed" in fields:
        meta["last_reviewed"] = today.isoformat()
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {value if key == 'last_reviewed' else yaml_scalar(value)}")
    return "\n".join(lines + ["---"])


def yaml_scalar(value) -> str:
    """One YAML value on one line, quoted only where YAML needs it (a title with ': ')."""
    return yaml.safe_dump(value, default_flow_style=True, width=10**6, allow_unicode=True).strip().removesuffix("\n...").strip()


def self_check(count: int, headings: list[str]) -> str:
    """Placeholder questions in the self-check syntax (CONTRIBUTING.md), valid as they are."""
    from markdown.extensions.toc import slugify
    right, wrong = (f"[{h}](#{slugify(h, '-')})" for h in headings[:2])
    questions = []
    for number in range(1, count + 1):
        questions.append(f"""- id: replace-question-{number}
  type: single
  prompt: Replace this question with one that tests understanding of a pitfall or a trade-off.
  options:
    - text: The right answer.
      correct: true
      why: Say why it is right, and link the section that teaches it. See {right}.
    - text: A mistake learners really make.
      why: Say why it is wrong. See {wrong}.""")
    return "```selfcheck\n" + "\n".join(questions) + "\n```"


def body(rule: dict) -> str:
    parts = [PLACEHOLDER]
    reading = (rule.get("further_reading") or {}).get("heading")
    check = rule.get("selfcheck")
    for index, heading in enumerate(rule.get("headings", [])):
        if check and heading == "Related pages":
            parts += [f"## {check['heading']}", self_check(check["min"], rule["headings"])]
        parts.append(f"## {heading}")
        if heading == reading:
            parts.append("<!-- Replace these with 3-8 links to the official documentation of this topic. -->")
            parts.append("\n".join(READING))
        elif index == 0 and rule.get("snippet_or_diagram"):
            parts.append("Replace this section.\n\n" + DIAGRAM)
        else:
            parts.append("Replace this section.")
    return "\n\n".join(parts) + "\n"


def add_to_nav(config: str, section: str, entry: str) -> str:
    """Insert `- section/slug.md` after the last nav line of that section's folder (the title is in front matter)."""
    lines = config.split("\n")
    last = max((i for i, line in enumerate(lines) if re.search(rf"^\s+- .*\b{re.escape(section)}/[^/]+\.md\s*$", line)),
               default=None)
    if last is None:
        raise ScaffoldError(f"mkdocs.yml's nav has no pages in {section}/ to add the page next to")
    indent = re.match(r"^(\s*)", lines[last]).group(1)
    lines.insert(last + 1, f"{indent}- {entry}")
    return "\n".join(lines)


def create(root: Path, section: str, title: str, tags: list[str], today: dt.date) -> Path:
    rules = sections(root)
    if section not in rules:
        raise ScaffoldError(f"unknown section {section!r}; use one of: {', '.join(rules)}")
    vocabulary = known_tags(root)
    unknown = [t for t in tags if t not in vocabulary]
    if unknown:
        raise ScaffoldError(f"unknown tag(s) {', '.join(unknown)}; the tags are listed in data/tags.yml")
    if not tags:
        raise ScaffoldError("give at least one tag from data/tags.yml (TAGS=django,caching)")
    slug = slugify(title)
    path = root / "docs" / section / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; choose another title")
    config_path = root / "mkdocs.yml"
    config = add_to_nav(config_path.read_text(encoding="utf-8"), section, f"{section}/{slug}.md")
    path.write_text(front_matter(title, tags, rules[section], vocabulary, today) + "\n\n" + body(rules[section]),
                    encoding="utf-8")
    config_path.write_text(config, encoding="utf-8")
    return path


def default_tags(root: Path, section: str, title: str) -> list[str]:
    vocabulary = known_tags(root)
    slug = slugify(title)
    if slug in vocabulary:
        return [slug]
    return [SECTION_TAGS[section]] if section in SECTION_TAGS else []


def ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise ScaffoldError(f"{prompt.strip(': ')} is missing; pass it on the command line (see --help)")
    return input(prompt).strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--section", help="folder in docs/: " + ", ".join(sections(ROOT)))
    parser.add_argument("--title", help="the page title, as readers will see it")
    parser.add_argument("--tags", help="comma-separated tags from data/tags.yml")
    args = parser.parse_args(argv)
    try:
        section = args.section or ask(f"Section ({', '.join(sections(ROOT))}): ")
        title = args.title or ask("Title: ")
        tags = [t.strip() for t in args.tags.split(",") if t.strip()] if args.tags else default_tags(ROOT, section, title)
        if not tags:
            tags = [t.strip() for t in ask("Tags from data/tags.yml, comma-separated: ").split(",") if t.strip()]
        path = create(ROOT, section, title, tags, dt.date.today())
    except ScaffoldError as error:
        print(f"new-page: {error}", file=sys.stderr)
        return 2
    rel = path.relative_to(ROOT).as_posix()
    url = rel.removeprefix("docs/").removesuffix(".md")
    print(f"Created {rel} and added it to the navigation in mkdocs.yml.\n\nNext:")
    print(f"  1. Write the page: replace every 'Replace this' in {rel} (CONTRIBUTING.md has the style guide).")
    print(f"  2. Preview it: make serve, then open http://127.0.0.1:8000/{url}/")
    print("  3. Run make check, then commit both files and open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
