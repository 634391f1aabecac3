"""Fault injection: each test copies the repository, breaks one thing (the faults only a build finds
share one copy), runs the same gate as CI and the deploy (`make check`), and asserts that the gate
fails with a message naming the file (and the line, where the tool knows it). The messages are
what a contributor sees."""
import contextlib
import io
import re
import subprocess
from pathlib import Path

import pytest

from nexus import ROOT
from nexus.build import make
from nexus.repo import copy_repo

pytestmark = pytest.mark.faults
PAGE = "docs/concepts/caching.md"


def gate(repo: Path, target: str = "check") -> subprocess.CompletedProcess:
    return make(repo, target)


def page_checks(repo: Path) -> subprocess.CompletedProcess:
    """The gate's first step, `nexus check --pages`, run in this process on the broken copy: the
    same code and the same messages as `make check`, without starting make and Python per fault."""
    from nexus.cli import main
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["--root", str(repo), "check", "--pages"])
    return subprocess.CompletedProcess(["nexus", "check", "--pages"], code, output.getvalue(), "")


@pytest.fixture
def repo(tmp_path):
    return copy_repo(tmp_path / "repo")


def append(repo: Path, rel: str, text: str) -> int:
    """Append text to a file; return the line number where it starts."""
    path = repo / rel
    before = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(before + "\n\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 3


def replace(repo: Path, rel: str, old: str, new: str) -> int:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def set_field(repo: Path, rel: str, field: str, value: str) -> int:
    """Set a front-matter field's value; return its line number."""
    path = repo / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[index] = f"{field}: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def assert_fails(result, *expected):
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the gate passed a broken repository:\n" + output[-3000:]
    for text in expected:
        assert text in output, f"expected {text!r} in the gate's output:\n{output[-4000:]}"
    assert "Traceback (most recent call last)" not in output, output[-4000:]
    return output


# 1-3, 7, 8 and 13. Faults that only the strict build finds: a link to a page, an anchor (on another page,
# on the same page, in a self-check's explanation) or an image that does not exist, a page outside
# the navigation and a navigation entry without a page; raw HTML (a form, a script, an iframe, an
# event handler) or a javascript: link, which the sanitizer removes; and a diagram Mermaid cannot
# parse. A build costs seconds, so they share one broken copy and one `make check`: the strict
# build reports every warning, not only the first, and the test looks for each fault's message on
# its own line.
FORM = '<form action="https://example.org/login"><input name="password"></form>'
IFRAME = '<iframe src="https://example.org"></iframe>'
BROKEN_DIAGRAM = "```mermaid\nflowchart LR\n    A[Client] --> B{Cache hit?\n    B -->|yes| C[Return]\n```"
HANDLER = '<span onmouseover="alert(1)">hover</span>'


@pytest.fixture
def build_faults(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    at = {
        "page": f"{PAGE}:{append(repo, PAGE, 'See [the old page](no-such-page.md).')}",
        "anchor elsewhere": f"{PAGE}:{append(repo, PAGE, 'See [Redis expiry](../tech/redis.md#no-such-heading).')}",
        "anchor here": f"{PAGE}:{append(repo, PAGE, 'Jump to [the summary](#no-such-summary).')}",
        "image": f"{PAGE}:{append(repo, PAGE, '![Cache flow](../assets/cache-flow.png)')}",
        # Explanations are rendered as Markdown, so the strict build validates their links too.
        "self-check anchor": f"{SELF_CHECK_PAGE}:" + str(replace(
            repo, SELF_CHECK_PAGE, "        adds nothing. See [Pitfalls](#pitfalls)",
            "        adds nothing. See [Pitfalls](#no-such-pitfalls)")),
        "page outside the nav": "docs/orphan.md:1",
        # 8. Raw HTML and script links, which the sanitizer (the last page step) removes and reports.
        "unsafe HTML": f"{PAGE}:{append(repo, PAGE, FORM)}",
        "raw script": f"{PAGE}:{append(repo, PAGE, '<script>alert(1)</script>')}",
        "iframe": f"{PAGE}:{append(repo, PAGE, IFRAME)}",
        "event handler": f"{PAGE}:{append(repo, PAGE, HANDLER)}",
        "javascript link": f"{PAGE}:{append(repo, PAGE, '[click](javascript:alert(1))')}",
        # 13. Mermaid's parse error, at the diagram's own line 3.
        "diagram syntax": f"{PAGE}:{append(with_mermaid(repo), PAGE, BROKEN_DIAGRAM) + 3}",
    }
    (repo / "docs/orphan.md").write_text(
        "---\ntitle: Orphan\ndescription: A page that nobody added to the navigation of the hub.\n"
        "tags: [caching]\n---\n\nText.\n", encoding="utf-8")
    (repo / "docs/tech/jenkins.md").unlink()
    # The glossary's DSL entry points at the page too; its own check would stop the gate first.
    replace(repo, "data/glossary.yml", "  see: tech/jenkins.md\n", "")
    # So do question-map answers, whose check would stop it as well.
    questions = repo / "data/questions.yml"
    entries = re.split(r"(?m)^(?=- question:)", questions.read_text(encoding="utf-8"))
    questions.write_text("".join(e for e in entries if "answer: tech/jenkins.md" not in e), encoding="utf-8")
    nav = next(i for i, text in enumerate((repo / "mkdocs.yml").read_text().split("\n"), 1) if "tech/jenkins.md" in text)
    at["nav entry without a page"] = f"mkdocs.yml:{nav}"
    return gate(repo), at


BUILD_FAULTS = {
    "page": "no-such-page.md",
    "anchor elsewhere": "no-such-heading",
    "anchor here": "no-such-summary",
    "image": "cache-flow.png",
    "self-check anchor": "no-such-pitfalls",
    "page outside the nav": "the page is not in the navigation",
    "nav entry without a page": "the nav lists 'tech/jenkins.md'",
    "unsafe HTML": "unsafe HTML removed <form>",
    "raw script": "unsafe HTML removed <script>",
    "iframe": "unsafe HTML removed <iframe>",
    "event handler": "unsafe HTML removed onmouseover= on <span>",
    "javascript link": "unsafe HTML removed href= on <a>",
    "diagram syntax": "Mermaid cannot draw this diagram: Parse error on line 3:",
}


def test_the_strict_build_names_the_file_and_line_of_each_fault(build_faults):
    """The gate fails, and for each fault one line of its output gives both the place and the fault."""
    result, at = build_faults
    lines = assert_fails(result).splitlines()
    missed = [f"{fault}: {at[fault]}: ... {expected!r}" for fault, expected in BUILD_FAULTS.items()
              if not any(f"{at[fault]}:" in line and expected in line for line in lines)]
    assert not missed, "not reported on one line:\n" + "\n".join(missed) + "\n\n" + "\n".join(lines)[-4000:]
    assert "Expecting 'DIAMOND_STOP'" in "\n".join(lines), "Mermaid's own message is not passed on"


# 4. A snippet include whose file or section does not exist.
def test_snippet_file_missing(repo):
    line = append(repo, PAGE, '```python\n--8<-- "jobboard/jobs/no_such_file.py"\n```')
    assert_fails(page_checks(repo), f"{PAGE}:{line + 1}: snippet file examples/jobboard/jobs/no_such_file.py does not exist")


def test_snippet_section_missing(repo):
    line = append(repo, PAGE, '```python\n--8<-- "jobboard/jobs/cache.py:no-such-section"\n```')
    assert_fails(page_checks(repo), f"{PAGE}:{line + 1}: snippet section 'no-such-section' has no")


# 5. Front matter that is not valid YAML, lacks a required field, or has a wrong type.
def test_front_matter_not_yaml(repo):
    set_field(repo, PAGE, "title", "Caching: strategies: and more")
    assert_fails(page_checks(repo), f"{PAGE}:", "front matter is not valid YAML")


def test_front_matter_missing_field(repo):
    path = repo / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^description:.*\n(?:  .*\n)*", "", text, count=1), encoding="utf-8")
    assert_fails(page_checks(repo), f"{PAGE}:", "missing required field 'description'")


def test_front_matter_wrong_type(repo):
    line = set_field(repo, PAGE, "title", "[Caching, strategies]")
    assert_fails(page_checks(repo), f"{PAGE}:{line}: title: expected string, got list")


# 6. An unknown tag.
def test_unknown_tag(repo):
    line = set_field(repo, PAGE, "tags", "[caching, redis-cache]")
    assert_fails(page_checks(repo), f"{PAGE}:{line}: tags: 'redis-cache' is not a known tag; "
                             "known tags are listed in data/tags.yml")


# 9. An http:// link to an external site.
def test_plain_http_link(repo):
    line = append(repo, PAGE, "Read [the old docs](http://example.org/docs/).")
    assert_fails(page_checks(repo), f"{PAGE}:{line}: link to http://example.org is not encrypted; use https://")


# 10. An invalid mkdocs.yml: bad YAML, and an unknown plugin option.
def test_mkdocs_yml_bad_yaml(repo):
    replace(repo, "mkdocs.yml", "site_name: Project Nexus", "site_name: [Project Nexus")
    assert_fails(gate(repo), "mkdocs.yml")


def test_mkdocs_yml_unknown_plugin_option(repo):
    replace(repo, "mkdocs.yml", "      enable_creation_date: true", "      enable_creation_date: true\n      colour: blue")
    assert_fails(gate(repo), "mkdocs.yml", "colour")


# 11. A shallow clone, or no git history, where the page dates would be wrong.
@pytest.mark.sweep   # a whole `make check` (72 s of make test on 2026-12-07); test_no_git_history below stays
def test_shallow_clone(repo, tmp_path):
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "wip",
                    "--allow-empty"], cwd=repo, check=True, capture_output=True)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    assert_fails(gate(shallow), "This is a shallow git clone", "git fetch --unshallow")


def test_no_git_history(tmp_path):
    """The same guard as above, without a whole build (the shallow clone runs the gate end to end)."""
    from nexus.plugin import git_history
    said = []

    class Plugin:
        def problem(self, path, message, rule):
            said.append(f"{path}: {message}")
    git_history(Plugin(), None, tmp_path)   # a folder outside any git clone
    assert len(said) == 1 and "is not a git clone" in said[0] and "Build from a git clone" in said[0], said


# 12. A page whose last_reviewed is in the future or not a date.
def test_last_reviewed_in_the_future(repo):
    line = set_field(repo, PAGE, "last_reviewed", "2999-01-01")
    assert_fails(page_checks(repo), f"{PAGE}:{line}: last_reviewed: 2999-01-01 is in the future")


def test_last_reviewed_not_a_date(repo):
    line = set_field(repo, PAGE, "last_reviewed", "soon")
    assert_fails(page_checks(repo), f"{PAGE}:{line}: last_reviewed: 'soon' is not a date")


# Found while writing the hub: spelling mistakes, and a glossary entry that links nowhere.
def test_spelling_mistake(repo):
    line = append(repo, PAGE, "Caching is teh art of remembering.")  # codespell:ignore
    # codespell runs in `make lint`, the gate's last step; the build before it would pass.
    assert_fails(gate(repo, "lint"), f"{PAGE}:{line}:", "teh")  # codespell:ignore


def test_glossary_link_to_missing_page(repo):
    line = replace(repo, "data/glossary.yml", "see: concepts/caching.md", "see: concepts/cache.md")
    assert_fails(page_checks(repo), f"data/glossary.yml:{line}: ", "'concepts/cache.md' is not a page in docs/")


# Issue 13: an error-catalogue entry that lost a label, and one that names a test that is gone.
def test_broken_catalogue_entries(repo):
    page = "docs/troubleshooting/django.md"
    lines = (repo / page).read_text(encoding="utf-8").split("\n")
    heading = next(i for i, text in enumerate(lines, 1) if text.startswith("## `Invalid HTTP_HOST header`"))
    replace(repo, page, "**Verify.** `curl -i -H", "Check: `curl -i -H")
    repro = replace(repo, page, "::test_no_such_table`.", "::test_no_such_tables`.")
    assert_fails(page_checks(repo), f"{page}:{heading}: error entry is missing **Verify.**",
                 f"{page}:{repro}: examples/jobboard/tests/test_catalogue_django.py defines no test function "
                 "'test_no_such_tables'")


# Issue 15: a malformed self-check, or a broken link inside one, fails the gate with file and line.
SELF_CHECK_PAGE = "docs/concepts/generators.md"


def test_malformed_self_check(repo):
    line = replace(repo, SELF_CHECK_PAGE, "  type: multiple\n", "  type: several\n")
    assert_fails(page_checks(repo), f"{SELF_CHECK_PAGE}:{line}: self-check question 4 ('what-works-on-a-generator'): "
                             "type 'several' is not a question type")


@pytest.mark.sweep   # a whole build (77 s); the page check above stays in make test
def test_malformed_self_check_fails_the_strict_build_too(repo, tmp_path):
    """The page check runs first in `make check`; the build hook reports the same problem."""
    from nexus.build import build
    line = replace(repo, SELF_CHECK_PAGE, "- id: second-pass-is-empty", "- id: first-pulls-one")
    assert_fails(build(repo, tmp_path / "site"), f"{SELF_CHECK_PAGE}:{line}: self-check question 2",
                 "id 'first-pulls-one' is already used by question 1")


# 13. A diagram Mermaid cannot parse: in the shared broken copy above (BUILD_FAULTS).


def with_mermaid(repo: Path) -> Path:
    (repo / "node_modules").symlink_to(ROOT / "node_modules")   # copy_repo leaves node_modules out
    return repo


# 14. Without a browser, a new diagram is left to the reader's browser (said once); CI fails instead.
NEW_DIAGRAM = "```mermaid\nflowchart LR\n    Fault[Fault test] --> Browser\n```"


@pytest.mark.sweep   # two whole builds: 123 s of make test on 2026-12-07
def test_new_diagram_without_chromium_is_drawn_in_the_browser_but_fails_ci(repo, tmp_path):
    line = append(with_mermaid(repo), PAGE, NEW_DIAGRAM)
    from nexus.build import build
    local_machine = {"drop": ("CI", "NEXUS_DIAGRAMS"),
                     "env": {"NEXUS_CHROMIUM": "/bin/false"}}   # an executable that is no browser: launching fails
    local = build(repo, tmp_path / "site", **local_machine)
    output = local.stdout + local.stderr
    assert local.returncode == 0, output[-3000:]
    assert output.count("cannot be drawn here: no Chromium could be started") == 1, output[-3000:]
    html = (tmp_path / "site/concepts/caching/index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>flowchart LR' in html
    assert (tmp_path / "site/assets/javascripts/mermaid-loader.js").is_file()
    assert (tmp_path / "site/assets/javascripts/vendor/mermaid/mermaid.esm.min.mjs").is_file()
    assert len(list((repo / "data/diagrams").glob("*.svg"))) >= 50, "the committed diagrams were pruned"
    failing = build(repo, tmp_path / "site", drop=("NEXUS_DIAGRAMS",), env={"NEXUS_CHROMIUM": "/bin/false", "CI": "true"})
    assert_fails(failing, f"{PAGE}:{line}: this diagram is not in data/diagrams/ and cannot be drawn here")
