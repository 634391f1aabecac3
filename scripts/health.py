"""Weekly health report: pages due for review and external links that fail.

Usage: python scripts/health.py --site site --out health-report.md
Stale means last_reviewed is more than six months old. External links are checked by
linkchecker over a local server of the built site; nothing else touches the network.
"""
import argparse
import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from nexus import ROOT, frontmatter
from nexus.server import SiteServer, site_prefix


STALE_AFTER = dt.timedelta(days=183)


def stale_pages(today):
    rows = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        meta = frontmatter.load(path.read_text(encoding="utf-8"))
        reviewed = meta.get("last_reviewed")
        if not isinstance(reviewed, dt.date) or today - reviewed > STALE_AFTER:
            rows.append((path.relative_to(ROOT).as_posix(), reviewed or "never"))
    return rows


def failing_links(site: Path):
    with SiteServer(site, site_prefix()) as server:
        result = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--check-extern", "--no-status", "--no-warnings",
             "-o", "csv", "--threads", "4", server.url],
            capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    return [(row["urlname"], row["parentname"], row["result"])
            for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="site")
    parser.add_argument("--out", default="health-report.md")
    args = parser.parse_args()
    today = dt.date.today()
    stale = stale_pages(today)
    links = failing_links(Path(args.site))
    out = [f"Health report for {today.isoformat()}.", "", f"## Pages due for review ({len(stale)})", ""]
    out += [f"- [ ] `{page}`: last reviewed {when}" for page, when in stale] or ["None."]
    out += ["", f"## Links that fail ({len(links)})", ""]
    out += [f"- [ ] {url} on {parent}: {why}" for url, parent, why in links] or ["None."]
    Path(args.out).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
