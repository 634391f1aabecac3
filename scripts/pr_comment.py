"""The pull-request summary comment, rendered from trusted facts only.

Run by the privileged comment workflow (.github/workflows/pr-comment.yml) from the base
branch's own copy of this file, with the runner's python3 and the standard library alone:

    python3 scripts/pr_comment.py --summary summary.json --jobs jobs.jsonl --run-url URL > body.md

- The check table comes from `--jobs`: the Checks run's jobs as the GitHub API reports them
  (`gh api repos/R/actions/runs/N/jobs --jq '.jobs[] | {name, conclusion}'`), never from a file
  the pull request's run wrote.
- summary.json was written by the pull request's own code (scripts/pr_summary.py in its run), so
  it is data of unknown shape: entries that do not fit are left out and counted, and every string
  is shown as plain text: no mention, link, image, HTML, heading or table break can come out of
  it. Strings are cut by characters, and so is the comment (never by bytes).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

MARKER = "<!-- nexus-pr-summary -->"
LIMIT = 60000          # GitHub refuses comments over 65,536 characters; room for the last line
ICONS = {"success": "✅", "failure": "❌", "cancelled": "⏹️", "skipped": "⏭️", "timed_out": "⌛",
         "neutral": "➖", "action_required": "✋", "stale": "❔"}
MAX_ROWS = {"pages": 60, "headings": 20, "inbound": 40, "links": 40, "jobs": 30}
CHANGES = {"added", "removed", "edited", "renamed"}
RUN_URL = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/actions/runs/\d+(?:/attempts/\d+)?")

# CommonMark lets any ASCII punctuation be escaped with a backslash, which makes it plain text:
# no emphasis, link, image, code span, HTML, entity or table cell break.
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# What GitHub links in plain text after Markdown: @mentions, #123 and GH-123 references, bare
# URLs (scheme://, www.) and e-mail addresses. A zero-width space breaks each of them.
_ZWSP = "\u200b"
_AUTOLINKS = [
    (re.compile(r"@(?=[A-Za-z0-9])"), "@" + _ZWSP),
    (re.compile(r"#(?=\d)"), "#" + _ZWSP),
    (re.compile(r"(?i)\b(gh)-(?=\d)"), r"\1" + _ZWSP + "-"),
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)"), r"\1" + _ZWSP + ":"),
    (re.compile(r"(?i)\b(www)\."), r"\1" + _ZWSP + "."),
]


def cut(text: str, limit: int) -> str:
    """At most `limit` characters (code points), never a split character."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(value: object, limit: int = 200) -> str:
    """Any string from the pull request, as inert Markdown text on one line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    # Line breaks, other control characters and bidirectional overrides (which reorder what a
    # reviewer reads) become spaces.
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" else c
                   for c in text)
    text = cut(" ".join(text.split()), limit)
    for pattern, replacement in _AUTOLINKS:
        text = pattern.sub(replacement, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def _strings(value, limit: int) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return value[:limit]


def load_jobs(text: str) -> list[dict]:
    """The jobs of the Checks run as `gh api --jq` prints them: JSON objects one after another."""
    decoder, jobs, at = json.JSONDecoder(), [], 0
    text = text.strip()
    while at < len(text):
        value, at = decoder.raw_decode(text, at)
        while at < len(text) and text[at].isspace():
            at += 1
        for job in value if isinstance(value, list) else [value]:
            if isinstance(job, dict) and isinstance(job.get("name"), str):
                jobs.append(job)
    return jobs


def render(summary: object, jobs: list[dict], run_url: str | None) -> str:
    left_out = 0

    def fits(entry, check) -> bool:
        nonlocal left_out
        ok = isinstance(entry, dict) and check(entry)
        left_out += not ok
        return ok

    lines = [MARKER, "## Docs preview", ""]
    if jobs:
        lines += ["| Check | Result |", "| --- | --- |"]
        for job in jobs[: MAX_ROWS["jobs"]]:
            conclusion = job.get("conclusion") or job.get("status") or "unknown"
            word = conclusion if conclusion in ICONS else "unknown"
            lines.append(f"| {plain(job['name'], 100)} | {ICONS.get(word, '❔')} {word.replace('_', ' ')} |")
        lines.append("")
    else:
        lines += ["The checks' results could not be read from GitHub; open the workflow run.", ""]

    summary = summary if isinstance(summary, dict) else {}
    pages = summary.get("pages") if isinstance(summary.get("pages"), list) else []
    pages = [p for p in pages if fits(p, lambda p: p.get("change") in CHANGES and isinstance(p.get("path"), str)
                                       and isinstance(p.get("title"), str)
                                       and isinstance(p.get("old_path", ""), str)
                                       and all(_strings(p.get(k, []), 999) is not None
                                               for k in ("headings_added", "headings_removed")))]
    if pages:
        lines += ["### Pages this change touches", "", "| Change | Page | File |", "| --- | --- | --- |"]
        for page in pages[: MAX_ROWS["pages"]]:
            file = plain(page["path"], 150)
            if page.get("old_path"):
                file = f"{plain(page['old_path'], 150)} → {file}"
            lines.append(f"| {page['change']} | {plain(page['title'], 120)} | {file} |")
        if len(pages) > MAX_ROWS["pages"]:
            lines.append(f"| … | and {len(pages) - MAX_ROWS['pages']} more pages | |")
        lines.append("")
        for page in pages[: MAX_ROWS["pages"]]:
            delta = [f"added “{plain(h, 120)}”" for h in _strings(page.get("headings_added", []), MAX_ROWS["headings"])] + \
                    [f"removed “{plain(h, 120)}”" for h in _strings(page.get("headings_removed", []), MAX_ROWS["headings"])]
            if delta:
                lines.append(f"- **{plain(page['title'], 120)}** headings: " + "; ".join(delta))
        lines.append("")
    else:
        lines += ["This change touches no page in `docs/`.", ""]

    inbound = summary.get("inbound") if isinstance(summary.get("inbound"), list) else []
    inbound = [i for i in inbound if fits(i, lambda i: isinstance(i.get("from"), str) and isinstance(i.get("to"), str)
                                           and type(i.get("line")) is int)]
    if inbound:
        lines += ["### Links into what this change removes", ""]
        lines += [f"- {plain(i['from'], 150)}:{i['line']} links to {plain(i['to'], 150)}" for i in inbound[: MAX_ROWS["inbound"]]]
        if len(inbound) > MAX_ROWS["inbound"]:
            lines.append(f"- and {len(inbound) - MAX_ROWS['inbound']} more")
        lines.append("")

    links = summary.get("external_links") if isinstance(summary.get("external_links"), list) else []
    links = [u for u in links if fits({"u": u}, lambda e: isinstance(e["u"], str))]
    if links:
        lines += ["### New external links", "", "Shown as text: check each one before you open it.", ""]
        lines += [f"- {plain(url, 300)}" for url in links[: MAX_ROWS["links"]]]
        if len(links) > MAX_ROWS["links"]:
            lines.append(f"- and {len(links) - MAX_ROWS['links']} more")
        lines.append("")

    if left_out:
        lines += [f"{left_out} entries of the summary were not in the expected form and are not shown.", ""]
    lines += ["### Open the preview", ""]
    where = f"the [workflow run]({run_url})" if run_url and RUN_URL.fullmatch(run_url) else "the workflow run"
    lines += [f"Download the **site-preview** artifact from {where} (at the bottom of its Summary page), "
              "unzip it and open `index.html` in your browser. It works from the file system: no server, "
              "no network.", "", "<sub>Updated on every push by the Checks workflow.</sub>"]
    return fit("\n".join(lines) + "\n")


def fit(body: str, limit: int = LIMIT) -> str:
    """The comment within GitHub's limit, cut by characters at a line end."""
    if len(body) <= limit:
        return body
    kept = body[:limit].rsplit("\n", 1)[0]
    return kept + "\n\n… (cut to fit a GitHub comment: the full summary is in the run's pr-summary artifact)\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--summary", type=Path, required=True, help="summary.json from the pull request's run (untrusted)")
    parser.add_argument("--jobs", type=Path, required=True, help="the run's jobs from the GitHub API")
    parser.add_argument("--run-url")
    args = parser.parse_args(argv)
    try:
        summary = json.loads(args.summary.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    sys.stdout.write(render(summary, load_jobs(args.jobs.read_text(encoding="utf-8")), args.run_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
