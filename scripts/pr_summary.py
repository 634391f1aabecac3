"""The pull-request summary: what a change does to the hub, as data and as one comment.

Run by the unprivileged Checks workflow on the pull request's code:

    python scripts/pr_summary.py --base origin/main --head HEAD --pr 12 \
        --check "Content checks and build=success" --run-url URL --out pr-summary/

It writes summary.json (the data) and comment.md (the comment). A separate workflow with
only the right to comment posts comment.md (.github/workflows/pr-comment.yml); it never runs
this code. The comment lists the pages added, removed and edited (with changed headings), the
pages whose links point at what the change removed, new external links, each check's result,
and how to open the preview.
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

from nexus.page import Page
from nexus import ROOT, frontmatter

MARKER = "<!-- nexus-pr-summary -->"
LOCAL_LINK = re.compile(r"\]\(([^)\s]+?\.md)(#[\w-]+)?\)")
EXTERNAL = re.compile(r"https?://[^\s)\"'<>\]`]+")
ICONS = {"success": "✅", "failure": "❌", "cancelled": "⏹️", "skipped": "⏭️"}


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
    before = {url.rstrip(".,;:") for line in git(repo, "grep", "-h", "-I", "-o", "-E", r"https?://[^ )\"'<>]+",
                                                   base, "--", "docs/").splitlines() for url in EXTERNAL.findall(line)} \
        if added else set()
    return sorted(added - before)


def render(summary: dict) -> str:
    lines = [MARKER, "## Docs preview", ""]
    checks = summary["checks"]
    if checks:
        lines += ["| Check | Result |", "| --- | --- |"]
        lines += [f"| {name} | {ICONS.get(result, '❔')} {result} |" for name, result in checks.items()]
        lines.append("")
    pages = summary["pages"]
    if pages:
        lines += ["### Pages this change touches", "", "| Change | Page | File |", "| --- | --- | --- |"]
        for page in pages:
            file = f"`{page['old_path']}` → `{page['path']}`" if "old_path" in page else f"`{page['path']}`"
            lines.append(f"| {page['change']} | {page['title']} | {file} |")
        lines.append("")
        for page in pages:
            delta = [f"added “{h}”" for h in page.get("headings_added", [])] + \
                    [f"removed “{h}”" for h in page.get("headings_removed", [])]
            if delta:
                lines.append(f"- **{page['title']}** headings: " + "; ".join(delta))
        lines.append("")
    else:
        lines += ["This change touches no page in `docs/`.", ""]
    if summary["inbound"]:
        lines += ["### Links into what this change removes", ""]
        lines += [f"- `{link['from']}:{link['line']}` links to `{link['to']}`" for link in summary["inbound"]]
        lines.append("")
    if summary["external_links"]:
        lines += ["### New external links", ""] + [f"- <{url}>" for url in summary["external_links"]] + [""]
    lines += ["### Open the preview", ""]
    where = f"the [workflow run]({summary['run_url']})" if summary.get("run_url") else "the workflow run"
    lines += [f"Download the **site-preview** artifact from {where} (at the bottom of its Summary page), "
              "unzip it and open `index.html` in your browser. It works from the file system: no server, "
              "no network.", "", "<sub>Updated on every push by the Checks workflow.</sub>"]
    return "\n".join(lines) + "\n"


def build_summary(repo: Path, base: str, head: str, checks: dict, pr: int | None, run_url: str | None) -> dict:
    pages = changed_pages(repo, base, head)
    return {"pr": pr, "head": git(repo, "rev-parse", head).strip(), "checks": checks, "run_url": run_url,
            "pages": pages, "inbound": inbound(repo, head, pages),
            "external_links": new_external_links(repo, base, head)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--pr", type=int)
    parser.add_argument("--run-url")
    parser.add_argument("--check", action="append", default=[], metavar="NAME=RESULT")
    parser.add_argument("--out", type=Path, default=Path("pr-summary"))
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    checks = dict(item.rsplit("=", 1) for item in args.check)
    summary = build_summary(args.repo, args.base, args.head, checks, args.pr, args.run_url)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "comment.md").write_text(render(summary), encoding="utf-8")
    print(render(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
