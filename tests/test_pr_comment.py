"""The pull-request summary comment shows trusted facts only (scripts/pr_comment.py).

A fixture repository plants each fault a pull request can carry in its pages: a title or file name
with an @mention, a Markdown link, HTML, a `|` and a fake "all checks passed" table, and bare URLs;
its run's summary.json is forged too. The comment is rendered the way GitHub would render it
(CommonMark with GFM tables, markdown-it-py), then read for mentions and links as GitHub finds
them in plain text.
"""
import json
import re
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from nexus import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import pr_comment  # noqa: E402
import pr_summary  # noqa: E402

RUN = "https://github.com/prodev-nexus/project-nexus/actions/runs/123"
JOBS = [{"name": "Content checks, strict build and linters", "conclusion": "success", "status": "completed"},
        {"name": "Hub, browser and example tests", "conclusion": "failure", "status": "completed"}]
FAKE_TABLE = "x\n\n| Check | Result |\n| --- | --- |\n| Everything | ✅ all checks passed |\n"
TITLES = {
    "mention.md": "Ping @octocat and @prodev-nexus/maintainers",
    "link.md": "[Click for the fixed docs](https://evil.example/login) ![x](https://evil.example/p.png)",
    "html.md": "<img src=x onerror=alert(1)> <details open><summary>hi</summary></details> &lt;b&gt;",
    "pipe.md": "Left | right | and \\| escaped",
    "table.md": FAKE_TABLE,
    "urls.md": "See https://evil.example/a, www.evil.example and mail admin@evil.example about #12 and GH-34",
}
FILE_NAMES = ["@octocat.md", "[x](javascript:alert(1)).md", "<b>bold<b>.md", "a|b.md"]


def _commit(repo, message):
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message], cwd=repo, check=True)


def _page(title: str, body: str = "") -> str:
    return f"---\ntitle: {json.dumps(title)}\ndescription: A page of the fixture repository for the comment test.\ntags: [python]\n---\n\n{body}\n"


@pytest.fixture(scope="module")
def hostile_summary(tmp_path_factory):
    """The summary a pull request planting every fault produces, plus a forged check table."""
    repo = tmp_path_factory.mktemp("hostile")
    (repo / "docs/tech").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    (repo / "docs/index.md").write_text(_page("Home", "## Old heading\n"))
    _commit(repo, "base")
    subprocess.run(["git", "checkout", "-qb", "change"], cwd=repo, check=True)
    for name, title in TITLES.items():
        (repo / "docs/tech" / name).write_text(_page(title, "## [Heading link](https://evil.example/h) @octocat\n\n"
                                                            "New link: https://evil.example/@octocat/[x]\n"))
    for name in FILE_NAMES:
        (repo / "docs/tech" / name).write_text(_page("Plain"))
    (repo / "docs/index.md").write_text(_page("Home", "## <img src=x onerror=alert(1)> | @octocat\n"))
    _commit(repo, "change")
    summary = pr_summary.build_summary(repo, "main", "change", 7)
    # What the pull request's own run could also write into summary.json.
    summary["checks"] = {"Everything": "success"}
    summary["pages"].append({"change": "added", "path": "docs/forged.md", "title": {"not": "text"}})
    summary["pages"].append({"change": "| ✅ success |", "path": "docs/forged.md", "title": "Forged"})
    summary["inbound"].append({"from": "docs/x.md", "line": "1 | ✅", "to": "y.md"})
    return summary


def _render(summary, jobs=JOBS):
    markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
    body = pr_comment.render(summary, jobs, RUN)
    return body, markdown.parse(body)


def _inline(tokens):
    for token in tokens:
        if token.type == "inline":
            yield from token.children or []
        else:
            yield token


def test_strings_from_the_pull_request_stay_plain_text(hostile_summary):
    body, tokens = _render(hostile_summary)
    inline = list(_inline(tokens))
    links = [t.attrs.get("href") for t in inline if t.type == "link_open"]
    assert links == [RUN], f"the only link is the workflow run: {links}"
    assert not [t for t in inline if t.type == "image"]
    html = [t.content.strip() for t in inline if t.type in ("html_block", "html_inline")]
    assert html == [pr_comment.MARKER, "<sub>", "</sub>"], html
    text = " ".join(t.content for t in inline if t.type in ("text", "code_inline"))
    # GitHub links these in plain text after Markdown; none may survive.
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", text), "an @mention survived"
    assert not re.search(r"(?i)\b(?:https?|ftp|javascript)://|\bwww\.", text), "a bare URL survived"
    assert not re.search(r"[\w.+-]@[A-Za-z0-9]", text), "an e-mail address survived"
    assert not re.search(r"(?<![\w&])#\d|\bGH-\d", text), "an issue reference survived"
    # ...and every planted title is still there for a reviewer to read, as text.
    for title in TITLES.values():
        if "\n" not in title:
            assert " ".join(title.replace("\u200b", "").split()) in text.replace("\u200b", ""), title


def test_the_check_table_comes_from_the_api_not_the_artifact(hostile_summary):
    body, tokens = _render(hostile_summary)
    tables = _tables(tokens)
    assert tables[0] == [["Check", "Result"],
                         ["Content checks, strict build and linters", "✅ success"],
                         ["Hub, browser and example tests", "❌ failure"]]
    assert "Everything" not in body.split("### Pages")[0], "the artifact's own check table is ignored"
    assert "all checks passed" not in " ".join(" ".join(row) for table in tables for row in table[1:] if "✅" in row[-1])
    pages = tables[1]
    assert pages[0] == ["Change", "Page", "File"]
    assert all(len(row) == 3 for row in pages), "a | in a title or file name broke the table"
    assert len(pages) - 1 == len(TITLES) + len(FILE_NAMES) + 1, "one row per page, the forged ones left out"
    assert {row[0] for row in pages[1:]} <= {"added", "edited"}
    assert "3 entries of the summary were not in the expected form" in body   # the three forged ones


def test_without_jobs_the_comment_says_so_and_shows_no_result():
    body, tokens = _render({"pages": [], "checks": {"All": "success"}}, jobs=[])
    assert "could not be read from GitHub" in body and "✅" not in body


def _tables(tokens):
    tables, row = [], None
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append("".join(c.content for c in token.children if c.type == "text").replace("\u200b", ""))
        elif token.type == "tr_close":
            tables[-1].append(row)
            row = None
    return tables


def test_strings_and_the_body_are_cut_by_characters_never_bytes():
    emoji = "😀é" * 300
    assert len(pr_comment.plain(emoji, 200)) == 200 and pr_comment.plain(emoji, 200).endswith("…")
    pages = [{"change": "added", "path": f"docs/p{i}.md", "title": "é😀" * 60} for i in range(60)]
    headings = ["ü" * 119 + "😀" for _ in range(20)]
    for page in pages:
        page.update(change="edited", headings_added=headings, headings_removed=headings)
    body = pr_comment.render({"pages": pages}, JOBS, RUN)
    assert len(body) <= pr_comment.LIMIT + 200
    assert body.encode("utf-8").decode("utf-8") == body and "\ufffd" not in body
    assert body.rstrip().endswith("(cut to fit a GitHub comment: the full summary is in the run's pr-summary artifact)")
    assert "😀" in body.split("(cut to fit")[0][-400:] or "ü" in body.split("(cut to fit")[0][-400:]


def test_jobs_are_read_as_gh_prints_them():
    lines = '{"name":"a","conclusion":"success"}\n{"name":"b","conclusion":null,"status":"in_progress"}\n'
    assert [j["name"] for j in pr_comment.load_jobs(lines)] == ["a", "b"]
    assert pr_comment.load_jobs('[{"name":"a"}, {"nope":1}, 3]') == [{"name": "a"}]
    body = pr_comment.render({}, pr_comment.load_jobs(lines), None)
    assert "| b | ❔ unknown |" in body and "[workflow run]" not in body


def test_a_run_url_that_is_not_a_workflow_run_is_not_linked():
    body = pr_comment.render({}, JOBS, "javascript:alert(1)")
    assert "javascript" not in body


def test_the_command_line_renders_from_files(tmp_path, hostile_summary):
    (tmp_path / "summary.json").write_text(json.dumps(hostile_summary), encoding="utf-8")
    (tmp_path / "jobs.jsonl").write_text("\n".join(json.dumps(j) for j in JOBS), encoding="utf-8")
    result = subprocess.run([sys.executable, "-I", str(ROOT / "scripts/pr_comment.py"), "--summary", str(tmp_path / "summary.json"),
                             "--jobs", str(tmp_path / "jobs.jsonl"), "--run-url", RUN], capture_output=True, text=True, check=True)
    assert result.stdout == pr_comment.render(hostile_summary, JOBS, RUN)
    (tmp_path / "summary.json").write_text("not json", encoding="utf-8")
    result = subprocess.run([sys.executable, "-I", str(ROOT / "scripts/pr_comment.py"), "--summary", str(tmp_path / "summary.json"),
                             "--jobs", str(tmp_path / "jobs.jsonl")], capture_output=True, text=True, check=True)
    assert "❌ failure" in result.stdout and "touches no page" in result.stdout
