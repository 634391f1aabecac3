"""Every page passes the content checks, and each kind of bad page gets a clear message."""
import datetime as dt

import pytest

from checks import pages
from helpers import ROOT

RULES = pages.Rules(ROOT)
GOOD = """---
title: Caching strategies
description: How to keep repeated reads fast with cache-aside, TTLs and invalidation in Django.
tags: [caching, redis]
level: intermediate
prerequisites: [tech/index.md]
last_reviewed: 2026-01-15
---

Text.
"""


def test_all_pages_pass_the_content_checks():
    problems = pages.check_all(ROOT)
    assert not problems, "\n" + "\n".join(map(str, problems))


def run(text, name="docs/concepts/demo.md", today=dt.date(2026, 6, 1)):
    problems, _ = pages.check_front_matter(name, text, RULES, today)
    return [str(p) for p in problems]


def test_a_good_page_has_no_problems():
    assert run(GOOD) == []


BAD = [
    # (what is wrong, replace this, with this, expected message, expected line)
    ("unknown tag", "tags: [caching, redis]", "tags: [caching, redis-cache]",
     "tags: 'redis-cache' is not a known tag; known tags are listed in data/tags.yml", 4),
    ("missing description", "description: How to keep repeated reads fast with cache-aside, TTLs and invalidation in Django.\n", "",
     "missing required field 'description'", 2),
    ("title of the wrong type", "title: Caching strategies", "title: [Caching]",
     "title: expected string, got list", 2),
    ("invalid YAML", "tags: [caching, redis]", "tags: [caching, redis",
     "front matter is not valid YAML", 5),
    ("date that is not a date", "last_reviewed: 2026-01-15", "last_reviewed: last week",
     "last_reviewed: 'last week' is not a date; write it as YYYY-MM-DD", 7),
    ("date in the future", "last_reviewed: 2026-01-15", "last_reviewed: 2027-01-15",
     "last_reviewed: 2027-01-15 is in the future", 7),
    ("impossible date", "last_reviewed: 2026-01-15", "last_reviewed: 2026-13-45",
     "last_reviewed: '2026-13-45' is not a date", 7),
    ("misspelt field", "level: intermediate", "levle: intermediate",  # codespell:ignore
     "Additional properties are not allowed ('levle' was unexpected); allowed fields are: title", 2),
    ("level outside the vocabulary", "level: intermediate", "level: expert",
     "level: 'expert' is not allowed; use one of: beginner, intermediate, advanced", 5),
    ("missing prerequisite page", "prerequisites: [tech/index.md]", "prerequisites: [tech/redix.md]",
     "prerequisites: 'tech/redix.md' is not a page in docs/", 6),
    ("double quotes in the description", "Django.\n", "Django \"fast\".\n",
     "description: must not contain double quotes or < >", 3),
    ("short description", "description: How to keep repeated reads fast with cache-aside, TTLs and invalidation in Django.",
     "description: Caching.", "description: is 8 characters long; it must be 40–200 characters", 3),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_front_matter_gets_a_clear_message_with_file_and_line(case):
    _, old, new, expected, line = case
    assert old in GOOD
    messages = run(GOOD.replace(old, new))
    assert any(expected in m for m in messages), messages
    assert any(m.startswith(f"docs/concepts/demo.md:{line}: ") and expected in m for m in messages), messages


def test_page_without_front_matter():
    assert run("Just text.\n") == [
        "docs/concepts/demo.md:1: the page has no front matter: start it with a '---' block "
        "holding title, description and tags (see CONTRIBUTING.md)"]


def test_unsafe_html_and_plain_http_are_reported_with_lines():
    text = GOOD + "\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n" \
        "See [the site](http://example.org/x).\n\nLocal: http://127.0.0.1:8000/ is fine.\n\n" \
        "`<script>` in code is fine.\n\n```html\n<iframe src=x></iframe>\n```\n"
    messages = [str(p) for p in pages.check_markup("docs/x.md", text)]
    assert len(messages) == 3, messages
    assert messages[0].startswith("docs/x.md:12: raw HTML '<script'")
    assert messages[1].startswith("docs/x.md:14: raw HTML")
    assert messages[2] == "docs/x.md:16: link to http://example.org is not encrypted; use https://"


@pytest.mark.parametrize("line", [
    "[click](javascript:alert(1))", "[x]( JavaScript:void(0))", "[img](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="vbscript:msgbox(1)">x</a>', "<a href=javascript:alert(1)>x</a>", "[ok](<javascript:alert(1)>)",
])
def test_script_urls_in_links_are_refused(line):
    text = "---\ntitle: X\n---\n\nIntro.\n\n" + line + "\n"
    messages = [str(p) for p in pages.check_markup("docs/x.md", text)]
    assert any(m.startswith("docs/x.md:7: a link to a") for m in messages), messages


def test_code_about_script_urls_is_not_a_link():
    text = "---\ntitle: X\n---\n\nNever write `[x](javascript:alert(1))`.\n"
    assert pages.check_markup("docs/x.md", text) == []


def test_missing_snippet_file_and_section(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.py").write_text("# --8<-- [start:one]\nx = 1\n# --8<-- [end:one]\n")
    text = '```python\n--8<-- "a.py:one"\n--8<-- "a.py:two"\n--8<-- "b.py"\n```\n'
    messages = [str(p) for p in pages.check_snippets("docs/x.md", text, tmp_path)]
    assert messages == [
        "docs/x.md:3: snippet section 'two' has no '--8<-- [start:two]' marker in examples/a.py",
        "docs/x.md:4: snippet file examples/b.py does not exist",
    ]


def test_section_structure_is_enforced():
    text = GOOD + "\n## Key ideas\n\n## Pitfalls\n\n## Worked example\n\n## Checklist\n\n## Related pages\n\n" \
        "## Further reading\n\n- [Django](https://docs.djangoproject.com/)\n"
    meta = {"level": "beginner", "prerequisites": [], "last_reviewed": dt.date(2026, 1, 1)}
    messages = [str(p) for p in pages.check_structure("docs/tech/demo.md", text, meta, RULES)]
    assert any("heading '## Pitfalls' is out of order" in m for m in messages), messages
    assert any("at least one snippet" in m for m in messages), messages
    assert any("'## Further reading' has 1 external links; give 3–8" in m for m in messages), messages
