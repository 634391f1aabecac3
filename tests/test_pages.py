"""Every page passes the content checks, and each kind of bad page gets a clear message."""
import datetime as dt

import pytest

from nexus.checks import pages
from nexus import ROOT
from nexus.page import Page

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


def test_plain_http_links_are_reported_with_lines():
    """Raw HTML and script URLs are the sanitizer's (tests/test_sanitize.py, and the build: test_faults.py)."""
    text = GOOD + "\n<script>alert(1)</script>\n\n" \
        "See [the site](http://example.org/x).\n\nLocal: http://127.0.0.1:8000/ is fine.\n\n" \
        "`http://example.org` in code is fine.\n\n```text\nhttp://example.org/\n```\n"
    messages = [str(p) for p in pages.check_markup(Page.parse("docs/x.md", text))]
    assert messages == ["docs/x.md:14: link to http://example.org is not encrypted; use https://"]


def test_a_nav_entry_with_a_title_is_reported_with_its_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nnav:\n  - index.md\n  - Technologies:\n      - tech/index.md\n"
        "      - \"Redis: caching\": tech/redis.md\nplugins:\n  - search\n", encoding="utf-8")
    [problem] = pages.check_nav_titles(tmp_path)
    assert str(problem).startswith("mkdocs.yml:6: the nav gives tech/redis.md a title; list the bare path")


def test_missing_snippet_file_and_section(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.py").write_text("# --8<-- [start:one]\nx = 1\n# --8<-- [end:one]\n")
    text = '```python\n--8<-- "a.py:one"\n--8<-- "a.py:two"\n--8<-- "b.py"\n--8<-- "a.py:2:2"\n```\n'
    messages = [str(p) for p in pages.check_snippets(Page.parse("docs/x.md", text), tmp_path)]
    assert messages == [
        "docs/x.md:3: snippet section 'two' has no '--8<-- [start:two]' marker in examples/a.py",
        "docs/x.md:4: snippet file examples/b.py does not exist",
        "docs/x.md:5: snippet 'examples/a.py:2:2' uses line numbers; mark the lines with '--8<-- [start:name]' "
        "/ '[end:name]' comments and include 'a.py:name'",
    ]


def test_section_structure_is_enforced():
    text = GOOD + "\n## Key ideas\n\n## Pitfalls\n\n## Worked example\n\n## Checklist\n\n## Related pages\n\n" \
        "## Further reading\n\n- [Django](https://docs.djangoproject.com/)\n"
    meta = {"level": "beginner", "prerequisites": [], "last_reviewed": dt.date(2026, 1, 1)}
    messages = [str(p) for p in pages.check_structure(Page.parse("docs/tech/demo.md", text), meta, RULES)]
    assert any("heading '## Pitfalls' is out of order" in m for m in messages), messages
    assert any("at least one snippet" in m for m in messages), messages
    assert any("'## Further reading' has 1 external links; give 3–8" in m for m in messages), messages


ENTRY = '''---
title: Django errors
description: Errors that Django prints, with their causes, fixes and how to verify them.
tags: [django]
level: beginner
last_reviewed: 2026-01-15
---

Paste the line into search.

## `no such table: jobs_job` {#django-no-such-table}

```text
--8<-- "errors/django/no-such-table.txt"
```

**What it means.** The table is missing.

**Causes**, most common first:

1. **No migrations.** How to tell: showmigrations.

**Fix.** Run `python manage.py migrate`.

**Verify.** `showmigrations` shows `[X]`.

**Why it happens:** [Migrations](../concepts/migrations.md#key-ideas).

Reproduced by `jobboard/tests/test_catalogue_django.py::test_no_such_table`.

## `DisallowedHost` {#django-disallowed-host}

```text
Invalid HTTP_HOST header: 'api.example.com'.
```

**What it means.** The host is not allowed.

**Causes**, most common first:

1. **ALLOWED_HOSTS.** How to tell: the log line.

**Fix.** Add the host.

**Verify.** 200.

**Why it happens:** [Django](../tech/django.md).

Source: [Django's source](https://github.com/django/django/blob/5.2/django/http/request.py), Django 5.2.

## Related pages

- [Django](../tech/django.md)
'''
TEST_FILE = '''from catalogue import assert_reproduces


def test_no_such_table():
    assert_reproduces("no such table: jobs_job", "django/no-such-table")
'''


@pytest.fixture
def catalogue_root(tmp_path):
    """A scratch examples/ tree holding one quoted message and the test that reproduces it."""
    (tmp_path / "examples/errors/django").mkdir(parents=True)
    (tmp_path / "examples/errors/django/no-such-table.txt").write_text("no such table: jobs_job\n")
    (tmp_path / "examples/jobboard/tests").mkdir(parents=True)
    (tmp_path / "examples/jobboard/tests/test_catalogue_django.py").write_text(TEST_FILE)
    rules = pages.Rules(ROOT)
    rules.root = tmp_path
    return rules


def entry_problems(rules, text=ENTRY):
    problems, quoted = pages.check_entries(Page.parse("docs/troubleshooting/django.md", text), rules)
    return [str(p) for p in problems], quoted


def line_of(text, fragment):
    return text.split("\n").index(fragment) + 1


def test_a_good_catalogue_page_passes(catalogue_root):
    assert entry_problems(catalogue_root) == ([], {"django/no-such-table"})
    assert pages.check_quoted_errors({"django/no-such-table"}, catalogue_root.root) == []


BAD_ENTRIES = [
    # (what is wrong, replace this, with this, the line the message names, expected message)
    ("heading without an anchor", "## `no such table: jobs_job` {#django-no-such-table}",
     "## `no such table: jobs_job`", "## `no such table: jobs_job`", "needs an explicit anchor"),
    ("anchor of another area", "{#django-disallowed-host}", "{#host-disallowed}",
     "## `DisallowedHost` {#host-disallowed}", "must start with the page's area, 'django-'"),
    ("message not first", "```text\nInvalid", "Some prose first.\n\n```text\nInvalid",
     "Some prose first.", "the first block of an entry must be the message in a ```text fence"),
    ("a label missing", "**Verify.** 200.\n", "",
     "## `DisallowedHost` {#django-disallowed-host}", "entry is missing **Verify.**"),
    ("labels out of order", "**Fix.** Run `python manage.py migrate`.\n\n**Verify.** `showmigrations` shows `[X]`.",
     "**Verify.** `showmigrations` shows `[X]`.\n\n**Fix.** Run `python manage.py migrate`.",
     "**Verify.** `showmigrations` shows `[X]`.", "**Verify.** is out of order"),
    ("why without a concept link", "**Why it happens:** [Django](../tech/django.md).",
     "**Why it happens:** Django is strict.", "**Why it happens:** Django is strict.",
     "must link to a tech/, concepts/ or decisions/ page"),
    ("no last line", "\nSource: [Django's source](https://github.com/django/django/blob/5.2/django/http/request.py), Django 5.2.\n",
     "\n", "**Why it happens:** [Django](../tech/django.md).", "an error entry ends with 'Reproduced by"),
    ("test function missing", "::test_no_such_table`", "::test_no_such_tables`",
     "Reproduced by `jobboard/tests/test_catalogue_django.py::test_no_such_tables`.",
     "defines no test function 'test_no_such_tables'"),
    ("test file missing", "test_catalogue_django.py::", "test_catalogue_dj.py::",
     "Reproduced by `jobboard/tests/test_catalogue_dj.py::test_no_such_table`.",
     "test file examples/jobboard/tests/test_catalogue_dj.py does not exist"),
    ("reproduced entry without its message file", '--8<-- "errors/django/no-such-table.txt"', "no such table: jobs_job",
     "Reproduced by `jobboard/tests/test_catalogue_django.py::test_no_such_table`.", "quotes its message from"),
    ("quoted message with a source line", "Invalid HTTP_HOST header: 'api.example.com'.",
     '--8<-- "errors/django/no-such-table.txt"',
     "Source: [Django's source](https://github.com/django/django/blob/5.2/django/http/request.py), Django 5.2.",
     "end it with 'Reproduced by"),
]


@pytest.mark.parametrize("case", BAD_ENTRIES, ids=[c[0] for c in BAD_ENTRIES])
def test_a_broken_entry_is_reported_with_file_and_line(catalogue_root, case):
    _, old, new, at, expected = case
    assert old in ENTRY
    text = ENTRY.replace(old, new, 1)
    messages, _ = entry_problems(catalogue_root, text)
    prefix = f"docs/troubleshooting/django.md:{line_of(text, at)}: "
    assert any(m.startswith(prefix) and expected in m for m in messages), messages


def test_a_test_that_does_not_use_the_quoted_message_is_reported(catalogue_root):
    test_file = catalogue_root.root / "examples/jobboard/tests/test_catalogue_django.py"
    test_file.write_text(TEST_FILE.replace('"django/no-such-table"', '"django/other"'))
    messages, _ = entry_problems(catalogue_root)
    line = line_of(ENTRY, "Reproduced by `jobboard/tests/test_catalogue_django.py::test_no_such_table`.")
    assert messages == [f"docs/troubleshooting/django.md:{line}: examples/jobboard/tests/test_catalogue_django.py"
                        "::test_no_such_table does not use the quoted message 'django/no-such-table' "
                        "(call assert_reproduces(output, \"django/no-such-table\"))"]


def test_a_message_no_page_quotes_is_reported(catalogue_root):
    (catalogue_root.root / "examples/errors/django/orphan.txt").write_text("Orphan\n")
    (catalogue_root.root / "examples/errors/tests/data").mkdir(parents=True)
    (catalogue_root.root / "examples/errors/tests/data/crontab.txt").write_text("* * * * * true\n")  # an input
    (catalogue_root.root / "examples/errors/tests/notes.txt").write_text("not a message\n")
    assert [str(p) for p in pages.check_quoted_errors({"django/no-such-table"}, catalogue_root.root)] == [
        "examples/errors/django/orphan.txt:1: no page in docs/troubleshooting/ quotes this message; "
        "include it in its entry or delete it"]


def test_pages_outside_the_catalogue_are_not_entry_checked(catalogue_root):
    problems, _ = pages.check_entries(Page.parse("docs/tech/django.md", "## Key ideas\n\nText.\n"), catalogue_root)
    assert problems == []


def test_a_page_for_two_tools_may_prefix_anchors_with_either(catalogue_root):
    text = ENTRY.replace("{#django-disallowed-host}", "{#celery-worker-lost}").replace(
        "{#django-no-such-table}", "{#rabbitmq-access-refused}")
    problems, _ = pages.check_entries(Page.parse("docs/troubleshooting/celery-rabbitmq.md", text), catalogue_root)
    assert problems == []
    problems, _ = pages.check_entries(Page.parse("docs/troubleshooting/celery-rabbitmq.md",
                                                 text.replace("{#celery-worker-lost}", "{#redis-down}")),
                                      catalogue_root)
    assert [p.message for p in problems] == [
        "anchor '#redis-down' must start with the page's area, 'celery-rabbitmq-' or 'celery-' or 'rabbitmq-'"]


SYMPTOM = """## Works on my machine, not in the container {#docker-works-locally-not-in-container}

**What you see.** The app answers on your laptop; in Compose it never connects to the database.

**Narrow it down.**

1. Run `docker compose exec web env`: is `DATABASE_URL` set?

**Fix.** Point the app at the service name.

**Verify.** `docker compose exec web python manage.py check --database default` passes.

**Why it happens:** [Containers](../concepts/containers.md).

Source: [Compose networking](https://docs.docker.com/compose/how-tos/networking/), Compose v2.
"""


def test_a_symptom_entry_has_its_own_labels(catalogue_root):
    problems, _ = pages.check_entries(Page.parse("docs/troubleshooting/docker.md", SYMPTOM), catalogue_root)
    assert problems == []
    text = SYMPTOM.replace("**Narrow it down.**", "**Steps.**")
    problems, _ = pages.check_entries(Page.parse("docs/troubleshooting/docker.md", text), catalogue_root)
    assert [str(p) for p in problems] == [
        "docs/troubleshooting/docker.md:1: symptom entry is missing **Narrow it down.**; it has, in order: "
        "**What you see.**, **Narrow it down.**, **Fix.**, **Verify.**, **Why it happens:**"]


def test_other_texts_of_a_message_sit_right_after_it(catalogue_root):
    alias = "**Also printed as.**\n\n```text\nInvalid HTTP_HOST header: 'x'. The domain name provided is not valid.\n```\n\n"
    good = ENTRY.replace("**What it means.** The host", alias + "**What it means.** The host")
    assert entry_problems(catalogue_root, good)[0] == []
    late = ENTRY.replace("**Fix.** Add the host.", "**Fix.** Add the host.\n\n" + alias.rstrip())
    messages, _ = entry_problems(catalogue_root, late)
    at = line_of(late, "**Also printed as.**")
    assert messages == [f"docs/troubleshooting/django.md:{at}: **Also printed as.** belongs right after the "
                        "message, before **What it means.**"]


RECIPE = """---
title: Django how-to
---

## Serve static files with WhiteNoise {#django-whitenoise}

With `DEBUG` off, Django stops serving static files.

**Steps.**

```python
--8<-- "recipes/cookbook/static/settings.py"
```

**Verify.** `curl -I` answers 200.

**Watch out.** Run `collectstatic` in the image build.

**Why it works:** [Django](../tech/django.md#static-files).

Tested by `recipes/tests/test_static.py::test_whitenoise_serves`.

## Related pages

- [Django](../tech/django.md)
"""


@pytest.fixture
def recipe_root(catalogue_root):
    root = catalogue_root.root
    (root / "examples/recipes/cookbook/static").mkdir(parents=True)
    (root / "examples/recipes/cookbook/static/settings.py").write_text("STATIC_ROOT = 'static'\n")
    (root / "examples/recipes/tests").mkdir(parents=True)
    (root / "examples/recipes/tests/test_static.py").write_text("def test_whitenoise_serves():\n    assert True\n")
    return catalogue_root


def test_a_recipe_names_a_test_that_exists_and_shows_its_code(recipe_root):
    check = lambda text: [str(p) for p in pages.check_entries(Page.parse("docs/howto/django.md", text), recipe_root)[0]]
    assert check(RECIPE) == []
    last = "Tested by `recipes/tests/test_static.py::test_whitenoise_serves`."
    at = line_of(RECIPE, last)
    assert check(RECIPE.replace("test_whitenoise_serves`", "test_gone`")) == [
        f"docs/howto/django.md:{at}: examples/recipes/tests/test_static.py defines no test function 'test_gone'"]
    assert check(RECIPE.replace('--8<-- "recipes/cookbook/static/settings.py"', "STATIC_ROOT = 'static'")) == [
        f"docs/howto/django.md:{at}: a tested entry shows the code its test runs: include it from examples/ with --8<--"]
    assert check(RECIPE.replace(last, "Reproduced by `recipes/tests/test_static.py::test_whitenoise_serves`.")) == [
        f"docs/howto/django.md:{at}: a recipe entry ends with 'Tested by `<file under examples/>::<test>`.' or "
        "'Source: [the tool's docs or source](https://...)'"]
    assert check(RECIPE.replace("**Watch out.** Run", "Run")) == [
        "docs/howto/django.md:5: recipe entry is missing **Watch out.**; it has, in order: "
        "**Steps.**, **Verify.**, **Watch out.**, **Why it works:**"]


GLOSSARY = """ACID:
  definition: Atomic, consistent, isolated, durable.
CI-CD:
  definition: Build, test and deploy on every change.
CI CD:
  definition: The same words again.
X:
  definition: A letter.
JWT:
  expansion: JSON Web Token
Redis:
  definition: An in-memory store.
  see: tech/no-such-page.md
  colour: red
"""


def test_glossary_problems_are_reported_with_their_lines(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    problems = [str(p) for p in pages.check_glossary(tmp_path)]
    assert problems == [
        "data/glossary.yml:5: term 'CI CD' needs its own anchor: it makes #ci-cd, as 'CI-CD' does",
        "data/glossary.yml:7: term 'X' needs its own anchor: a one-letter term would take a letter heading's",
        "data/glossary.yml:9: term 'JWT' needs a `definition:` text",
        "data/glossary.yml:11: term 'Redis' has unknown fields ['colour']; use definition, expansion and see",
        "data/glossary.yml:13: term 'Redis': see: 'tech/no-such-page.md' is not a page in docs/",
    ], problems


def test_the_glossary_step_refuses_what_the_check_refuses(tmp_path):
    """`mkdocs serve` runs no page check: the build's glossary step reports the same problems."""
    from nexus.problems import Reporter
    from nexus.steps.glossary import load
    (tmp_path / "data").mkdir()
    (tmp_path / "data/glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    reporter = Reporter()
    load(tmp_path, reporter)
    assert "data/glossary.yml:9: term 'JWT' needs a `definition:` text" in [str(p) for p in reporter.problems]
