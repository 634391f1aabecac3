"""The pull-request summary: what a change does to the hub, as data.

Run by the unprivileged Checks workflow on the pull request's code:

    python scripts/pr_summary.py --base origin/main --head HEAD --pr 12 --out pr-summary/

It writes summary.json: the pages added, removed and edited (with changed headings), the pages
whose links point at what the change removed, and new external links. A separate workflow with
the right to comment (.github/workflows/pr-comment.yml) never runs this code: it renders the
comment with the base branch's scripts/pr_comment.py, which treats summary.json as untrusted data
(every string shown as plain text) and takes each check's result from the GitHub API.
"""
from __future__ import annotations

import argparse
import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import yaml

from nexus import ROOT, frontmatter
from nexus.page import Page

LOCAL_LINK = re.compile(r"\]\(([^)\s]+?\.md)(#[\w-]+)?\)")
EXTERNAL = re.compile(r"https?://[^\s)\"'<>\]`]+")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def show(repo: Path, rev: str, path: str) -> str:
    try:
        return git(repo, "show", f"{rev}:{path}")
    except subprocess.CalledProcessError:
        return ""


def title_of(text: str, path: str) -> str:
    try:
        meta = frontmatter.load(text)
    except yaml.YAMLError:
        meta = {}
    return str(meta["title"]) if meta.get("title") else path


def headings(text: str) -> dict[str, str]:
    """Anchor -> heading text, for the ## and ### headings (the page model gives their ids)."""
    return {heading.id: heading.text for heading in Page.parse("", text).headings if heading.level in (2, 3)}


def changed_pages(repo: Path, base: str, head: str) -> list[dict]:
    rows = git(repo, "diff", "--name-status", "-M", f"{base}...{head}", "--", "docs/").splitlines()
    pages = []
    for row in rows:
        status, *paths = row.split("\t")
        path, old = paths[-1], paths[0]
        if not path.endswith(".md") and not old.endswith(".md"):
            continue
        kind = {"A": "added", "D": "removed", "M": "edited"}.get(status[0], "renamed")
        before = show(repo, base, old) if kind != "added" else ""
        after = show(repo, head, path) if kind != "removed" else ""
        entry = {"change": kind, "path": path, "title": title_of(after or before, path)}
        if kind == "renamed":
            entry["old_path"] = old
        if kind in ("edited", "renamed"):
            old_h, new_h = headings(before), headings(after)
            entry["headings_added"] = [new_h[a] for a in new_h if a not in old_h]
            entry["headings_removed"] = [old_h[a] for a in old_h if a not in new_h]
            entry["removed_anchors"] = [a for a in old_h if a not in new_h]
        pages.append(entry)
    return pages


def inbound(repo: Path, head: str, pages: list[dict]) -> list[dict]:
    """Pages (at head) that link to a page the change removed or renamed, or to a removed anchor."""
    gone = {p.get("old_path", p["path"]).removeprefix("docs/"): None for p in pages if p["change"] in ("removed", "renamed")}
    anchors = {(p["path"].removeprefix("docs/"), a) for p in pages for a in p.get("removed_anchors", [])}
    found = []
    for path in git(repo, "ls-tree", "-r", "--name-only", head, "--", "docs/").splitlines():
        if not path.endswith(".md"):
            continue
        here = posixpath.dirname(path.removeprefix("docs/"))
        for number, line in enumerate(show(repo, head, path).split("\n"), start=1):
            for target, anchor in LOCAL_LINK.findall(line):
                resolved = posixpath.normpath(posixpath.join(here, target))
                if resolved in gone or (resolved, anchor.lstrip("#")) in anchors:
                    found.append({"from": path, "line": number, "to": f"{resolved}{anchor}"})
    return found


def new_external_links(repo: Path, base: str, head: str) -> list[str]:
    diff = git(repo, "diff", "-U0", f"{base}...{head}", "--", "docs/")
    added = {url.rstrip(".,;:") for line in diff.splitlines()
             if line.startswith("+") and not line.startswith("+++") for url in EXTERNAL.findall(line)}
    if not added:
        return []
    # git grep exits 1 when nothing matches: a base without external links.
    found = subprocess.run(["git", "grep", "-h", "-I", "-o", "-E", r"https?://[^ )\"'<>]+", base, "--", "docs/"],
                           cwd=repo, capture_output=True, text=True)
    if found.returncode not in (0, 1):
        raise subprocess.CalledProcessError(found.returncode, found.args, found.stdout, found.stderr)
    before = {url.rstrip(".,;:") for line in found.stdout.splitlines() for url in EXTERNAL.findall(line)}
    return sorted(added - before)


def build_summary(repo: Path, base: str, head: str, pr: int | None) -> dict:
    pages = changed_pages(repo, base, head)
    return {"pr": pr, "head": git(repo, "rev-parse", head).strip(), "pages": pages,
            "inbound": inbound(repo, head, pages), "external_links": new_external_links(repo, base, head)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--pr", type=int)
    parser.add_argument("--out", type=Path, default=Path("pr-summary"))
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    summary = build_summary(args.repo, args.base, args.head, args.pr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(_comment_module().render(summary, [], None))   # a preview for the log; the comment is rendered elsewhere
    return 0


def _comment_module():
    """scripts/pr_comment.py, the renderer the privileged workflow runs from the base branch (a
    script beside this one, standard library only, so it is loaded from its file)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("pr_comment", Path(__file__).with_name("pr_comment.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
