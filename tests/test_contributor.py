"""Contributor tools: the page scaffold (`make new-page`) and mechanical fixes (`make fix`)."""
import datetime as dt
import re
import subprocess
import sys

import pytest

from nexus.checks import fix, pages
from nexus import ROOT
from nexus.build import environment, make
from nexus.repo import copy_repo

from nexus.commands import new_page

BROKEN = """---
tags: [Django, caching]
title: Caching in views
last_reviewed: 30 November 2026
description: >-
  Cache whole views and fragments in Django, and know when a cache makes a page wrong.
level: intermediate   \n---

Body text.   \n"""


def test_fixable_findings_are_flagged_and_fixed():
    rules = pages.Rules()
    problems, _ = pages.check_front_matter("docs/x.md", BROKEN, rules, dt.date(2026, 12, 1))
    messages = {p.message.split(":")[0]: p.fixable for p in problems}
    assert messages == {"tags": True, "last_reviewed": True, "front-matter fields are out of order; the order is": True}

    fixed = fix.fix_text(BROKEN, rules)

    assert fixed.split("\n")[:8] == [
        "---", "title: Caching in views", "description: >-",
        "  Cache whole views and fragments in Django, and know when a cache makes a page wrong.",
        "tags: [django, caching]", "level: intermediate", "last_reviewed: 2026-11-30", "---"]
    assert fixed.endswith("\nBody text.\n")
    assert pages.check_front_matter("docs/x.md", fixed, rules, dt.date(2026, 12, 1))[0] == []
    assert fix.fix_text(fixed, rules) == fixed


@pytest.mark.parametrize("value", ["01/02/2026", "yesterday"])
def test_an_ambiguous_date_is_neither_fixed_nor_called_fixable(value):
    rules = pages.Rules()
    text = BROKEN.replace("30 November 2026", value)
    problems, _ = pages.check_front_matter("docs/x.md", text, rules, dt.date(2026, 12, 1))
    date_problem = next(p for p in problems if p.message.startswith("last_reviewed"))
    assert not date_problem.fixable
    assert f"last_reviewed: {value}" in fix.fix_text(text, rules)


def test_make_fix_repairs_a_page_in_place(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    page = repo / "docs/concepts/caching.md"
    original = page.read_text(encoding="utf-8")
    # Whatever day the page was last reviewed, written with slashes (make fix writes it back).
    reviewed = re.search(r"^last_reviewed: (\d{4})-(\d{2})-(\d{2})$", original, re.M)
    page.write_text(original.replace("tags: [caching", "tags: [Caching").replace(
        reviewed.group(0), "last_reviewed: {}/{}/{}".format(*reviewed.groups())), encoding="utf-8")
    env = environment()

    before = subprocess.run([sys.executable, "-m", "nexus", "--root", str(repo), "check", "--pages"], cwd=repo, env=env,
                            capture_output=True, text=True, check=False)
    after = subprocess.run([sys.executable, "-m", "nexus", "--root", str(repo), "fix"], cwd=repo, env=env,
                           capture_output=True, text=True, check=False)

    assert before.returncode == 1 and "`make fix` fixes 2 of them" in before.stdout, before.stdout
    assert "docs/concepts/caching.md:" in before.stdout and "[make fix can fix this]" in before.stdout
    assert after.returncode == 0, after.stdout
    assert "fixed docs/concepts/caching.md" in after.stdout
    assert page.read_text(encoding="utf-8") == original


@pytest.mark.sweep   # a whole `make check` in a copy: 180 s of make test in CI on 2026-12-07
def test_new_pages_pass_the_gate_in_every_section(tmp_path):
    repo = copy_repo(tmp_path / "repo")
    # The scaffold's placeholder diagram is new, so the build draws it with the pinned Mermaid.
    (repo / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    made = [new_page.create(repo, section, title, tags, dt.date(2026, 12, 1)) for section, title, tags in [
        ("tech", "Nginx: reverse proxies", ["nginx"]),
        ("concepts", "Idempotency", ["api-design"]),
        ("challenges", "Slow CI runs", ["github-actions"]),
        ("practices", "Code review", ["best-practice"]),
        ("collab", "Pairing sessions", ["collaboration"]),
    ]]
    nav = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    for path in made:
        assert f"{path.relative_to(repo / 'docs').as_posix()}" in nav
    assert "      - tech/nginx-reverse-proxies.md\n" in nav

    result = make(repo, "check")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


@pytest.mark.parametrize(("section", "title", "tags", "message"), [
    ("tech", "Redis", ["redis"], "docs/tech/redis.md already exists"),
    ("tech", "Nginx", ["web-servers"], "unknown tag(s) web-servers"),
    ("blog", "Hello", ["python"], "unknown section 'blog'"),
    ("tech", "!!!", ["python"], "no letters or digits"),
])
def test_new_page_refuses_with_a_reason(tmp_path, section, title, tags, message):
    repo = copy_repo(tmp_path / "repo")
    with pytest.raises(new_page.ScaffoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        new_page.create(repo, section, title, tags, dt.date(2026, 12, 1))


def _page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: A page of the fixture repository for the summary test.\ntags: [python]\n---\n\n{body}\n"


def test_pr_summary_lists_pages_headings_inbound_and_external_links(tmp_path):
    import importlib.util

    def script(name):
        spec = importlib.util.spec_from_file_location(name, ROOT / f"scripts/{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    pr_summary, pr_comment = script("pr_summary"), script("pr_comment")

    repo = tmp_path / "fixture"
    (repo / "docs/tech").mkdir(parents=True)
    def commit(message):
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message],
                       cwd=repo, check=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    (repo / "docs/tech/redis.md").write_text(_page("Redis", "## Key ideas\n\n## Expiry\n\nSee https://redis.io/docs/"))
    (repo / "docs/tech/old.md").write_text(_page("Old page", "## Gone\n\nA retired page about something else entirely, with words nginx never uses."))
    (repo / "docs/index.md").write_text(_page("Home", "[old](tech/old.md) and [expiry](tech/redis.md#expiry)"))
    (repo / "README.md").write_text("not a page\n")
    commit("base")
    subprocess.run(["git", "checkout", "-qb", "change"], cwd=repo, check=True)
    (repo / "docs/tech/redis.md").write_text(_page("Redis", "## Key ideas\n\n## Eviction {#evict}\n\n"
                                                             "See https://redis.io/docs/ and https://redis.io/docs/latest/develop/reference/eviction/."))
    (repo / "docs/tech/old.md").unlink()
    (repo / "docs/tech/nginx.md").write_text(_page("Nginx", "## Reverse proxies\n\nNginx sits in front of gunicorn and serves static files."))
    (repo / "README.md").write_text("still not a page\n")
    commit("change")

    summary = pr_summary.build_summary(repo, "main", "change", 7)

    pages = {p["path"]: p for p in summary["pages"]}
    assert set(pages) == {"docs/tech/redis.md", "docs/tech/old.md", "docs/tech/nginx.md"}
    assert (pages["docs/tech/nginx.md"]["change"], pages["docs/tech/old.md"]["change"]) == ("added", "removed")
    assert pages["docs/tech/redis.md"]["headings_added"] == ["Eviction"]
    assert pages["docs/tech/redis.md"]["headings_removed"] == ["Expiry"]
    assert summary["inbound"] == [{"from": "docs/index.md", "line": 7, "to": "tech/old.md"},
                                  {"from": "docs/index.md", "line": 7, "to": "tech/redis.md#expiry"}]
    assert summary["external_links"] == ["https://redis.io/docs/latest/develop/reference/eviction/"]
    comment = pr_comment.render(summary, [{"name": "Content checks and build", "conclusion": "failure"}], None)
    assert comment.startswith(pr_comment.MARKER)
    assert "| Content checks and build | ❌ failure |" in comment
    assert r"| removed | Old page | docs\/tech\/old\.md |" in comment
    assert "**Redis** headings: added “Eviction”; removed “Expiry”" in comment
    assert "site-preview" in comment
