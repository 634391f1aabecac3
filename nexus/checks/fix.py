"""Mechanical fixes for what the page checks find: `python -m checks pages --fix` (`make fix`).

Only changes with one right answer are made, as MDN's front-matter linter does: front-matter
fields into the schema's order, an unambiguous date into YYYY-MM-DD, a tag into the case the
vocabulary uses, and trailing white space. Anything else is left for the contributor.
"""
from __future__ import annotations

import datetime as dt
import re

from nexus.frontmatter import split

KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")
# Day-first or month-first numbers (01/02/2026) are ambiguous, so they are not in this list.
DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                "%b %d, %Y", "%B %d %Y", "%b %d %Y")


def parse_date(text: str) -> dt.date | None:
    """The date an author meant, when only one reading is possible."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", str(text).strip().strip("'\""))
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def _blocks(yaml_text: str) -> list[tuple[str | None, list[str]]]:
    """Top-level fields with their continuation lines, in file order."""
    blocks: list[tuple[str | None, list[str]]] = []
    for line in yaml_text.split("\n"):
        match = KEY.match(line)
        if match or not blocks:
            blocks.append((match.group(1) if match else None, [line]))
        else:
            blocks[-1][1].append(line)
    return blocks


def in_order(keys: list[str], order: list[str]) -> bool:
    ranks = [order.index(k) for k in keys if k in order]
    return ranks == sorted(ranks)


def keys(yaml_text: str) -> list[str]:
    return [key for key, _ in _blocks(yaml_text) if key]


def _tag(item: str, vocabulary: dict) -> str:
    return vocabulary.get(item.strip().lower(), item.strip())


def _fix_block(key: str | None, block: list[str], vocabulary: dict) -> list[str]:
    if key == "last_reviewed":
        value = block[0].split(":", 1)[1].strip()
        date = parse_date(value)
        if date and value != date.isoformat():
            return [f"last_reviewed: {date.isoformat()}", *block[1:]]
    if key in ("tags", "technologies"):
        first = block[0]
        if "[" in first and first.rstrip().endswith("]"):
            items = first.split(":", 1)[1].strip()[1:-1].split(",")
            first = f"{key}: [{', '.join(_tag(item, vocabulary) for item in items if item.strip())}]"
        rest = [re.sub(r"^(\s*-\s+)(.+)$", lambda m: m.group(1) + _tag(m.group(2), vocabulary), line)
                for line in block[1:]]
        return [first, *rest]
    return block


def _fix_front_matter(yaml_text: str, rules) -> str:
    order = list(rules.schema["properties"])
    blocks = _blocks(yaml_text)
    if blocks and all(key in order for key, _ in blocks):
        blocks.sort(key=lambda block: order.index(block[0]))
    vocabulary = {tag.lower(): tag for tag in rules.tags}
    return "\n".join(line for key, block in blocks for line in _fix_block(key, block, vocabulary))


def fix_text(text: str, rules) -> str:
    """The page with every mechanical fix applied; unchanged when there is nothing to fix."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    yaml_text, body_start = split(text)
    if yaml_text is None:
        return text
    lines = text.split("\n")
    return "\n".join(["---", _fix_front_matter(yaml_text, rules), *lines[body_start - 2:]])


def fix_all(rules) -> list[str]:
    """Fix every page in docs/; return the paths that changed."""
    changed = []
    for path in sorted((rules.root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        new = fix_text(text, rules)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path.relative_to(rules.root).as_posix())
    return changed
