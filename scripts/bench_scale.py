"""Build-time benchmark (make bench-scale): the real hub, then 500/1000/2000 synthetic pages.

For each size, a temporary copy of the hub gets N realistic pages (front matter, headings, code,
tags, links between them), committed so git dates are real, and is built strictly three ways:
- full: the hub's mkdocs.yml (all plugins and hooks),
- no-hooks: the same without the hub's hooks (measures what the hooks add),
- plain: MkDocs + Material with only the search plugin.
Also measured: the real hub's strict build, and the `mkdocs serve` rebuild after editing a page.
Results go to bench/scale.json.

Usage: python scripts/bench_scale.py [--sizes 500 1000 2000]
"""
import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from nexus import ROOT
from nexus.build import environment, mkdocs
from nexus.repo import ignored
MKDOCS = [sys.executable, "-m", "mkdocs"]
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
ENV = environment(**EPOCH)
TAGS = list(yaml.safe_load((ROOT / "data/tags.yml").read_text(encoding="utf-8")))
WORDS = ("cache request worker queue index query model view serializer token database broker "
         "migration signal middleware container pipeline deploy latency replica schema").split()


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def page(i, n, rng):
    links = " ".join(f"[page {j}](p{j:04d}.md#section-2)" for j in rng.sample(range(n), 3))
    paragraphs = "\n\n".join(" ".join(sentence(rng) for _ in range(6)) for _ in range(3))
    return (f"---\ntitle: Synthetic page {i}\ndescription: A generated page used to measure how the build "
            f"scales, number {i}.\ntags: [{', '.join(rng.sample(TAGS, 2))}]\nlevel: beginner\n"
            f"last_reviewed: 2026-01-01\n---\n\n{paragraphs}\n\n## Section 1\n\n{paragraphs}\n\n"
            f"```python\ndef handler_{i}(request):\n    return {{'page': {i}, 'ok': True}}\n```\n\n"
            f"## Section 2\n\nSee also {links}. The API uses JWT over TLS.\n\n"
            f"- [ ] Read page {i}\n- [ ] Try the example\n")


def make_copy(dest, n):
    shutil.copytree(ROOT, dest, ignore=ignored)
    rng = random.Random(n)
    folder = dest / "docs" / "synthetic"
    folder.mkdir()
    for i in range(n):
        (folder / f"p{i:04d}.md").write_text(page(i, n, rng), encoding="utf-8")
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    entries = "\n".join(f"      - synthetic/p{i:04d}.md" for i in range(n))
    (dest / "mkdocs.yml").write_text(config + f"  - Synthetic:\n{entries}\n", encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(git + ["add", "-A"], cwd=dest, check=True, capture_output=True)
    subprocess.run(git + ["commit", "-qm", "synthetic pages"], cwd=dest, check=True, capture_output=True)


def variant(dest, name):
    """Write mkdocs-<name>.yml next to mkdocs.yml and return its path."""
    text = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    if name in ("no-hooks", "plain"):
        text = re.sub(r"(?ms)^hooks:\n(?:  - .*\n)+", "", text)
    if name == "plain":
        text = re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", "plugins:\n  - search\n", text)
    path = dest / f"mkdocs-{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def timed_build(dest, config):
    start = time.perf_counter()
    result = mkdocs(["build", "--strict", "-q", "-f", str(config), "-d", str(dest / "out")], dest, **EPOCH)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed ({config.name}):\n{result.stdout}{result.stderr}")
    return round(elapsed, 2)


def serve_rebuild_seconds():
    """Start `mkdocs serve`, edit one page, and time until the rebuild is done."""
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "hub"
        shutil.copytree(ROOT, dest, ignore=ignored)
        process = subprocess.Popen(MKDOCS + ["serve", "--dev-addr", "127.0.0.1:8765"], cwd=dest,
                                   env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            for line in process.stdout:
                if "Serving on" in line:
                    break
            time.sleep(1)
            page = dest / "docs" / "concepts" / "caching.md"
            start = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
            for line in process.stdout:
                if "Documentation built in" in line or "Reloading browsers" in line:
                    return round(time.perf_counter() - start, 2)
        finally:
            process.terminate()
            process.wait()
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    args = parser.parse_args()
    results = {"hub": {}, "scale": {}}
    with tempfile.TemporaryDirectory() as tmp:
        hub = Path(tmp) / "hub"
        shutil.copytree(ROOT, hub, ignore=ignored)
        results["hub"]["pages"] = len(list((hub / "docs").rglob("*.md")))
        results["hub"]["strict_build_s"] = min(timed_build(hub, hub / "mkdocs.yml") for _ in range(2))
    results["hub"]["serve_rebuild_s"] = serve_rebuild_seconds()
    print(json.dumps(results["hub"]), flush=True)
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            dest = Path(tmp) / "hub"
            make_copy(dest, n)
            row = {name: timed_build(dest, variant(dest, name)) for name in ("full", "no-hooks", "plain")}
            row["per_page_ms"] = round(1000 * row["full"] / n, 1)
            row["hooks_overhead"] = round(row["full"] / row["no-hooks"] - 1, 3)
            row["full_vs_plain"] = round(row["full"] / row["plain"], 2)
            results["scale"][n] = row
            print(n, json.dumps(row), flush=True)
    sizes = sorted(results["scale"])
    if len(sizes) >= 2 and sizes[-1] == 2 * sizes[-2]:
        results["growth_2x"] = round(results["scale"][sizes[-1]]["full"] / results["scale"][sizes[-2]]["full"], 2)
    out = ROOT / "bench"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
