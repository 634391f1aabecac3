"""Reader-side benchmarks of the built site (make bench). Figures are printed and saved as JSON.

- Lighthouse (mobile and desktop presets) on PAGES, median of runs, with total blocking time.
- Bytes on the wire (gzip) for a cold first visit to every page (pages with a diagram also shown
  apart: their SVG is inline), and for an instant-navigation click; counted from the local
  server's own log, which includes the search worker's body.
- Diagram drawing: the build's time with an empty diagram cache and with a full one.
- Search: quality over the queries generated from the built site (nexus/searchbox.py):
  success at 1 and 3, mean reciprocal rank; latency from keystroke to rendered results over the
  same queries; the bytes a first search downloads (index, worker, engine) on the wire.

Usage: python scripts/bench.py [--runs 3] [--skip-lighthouse] [--search-only]
Compares with bench/baseline.json and writes bench/latest.json; --save-baseline replaces it.
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


import yaml

from nexus import ROOT, searchbox
from nexus.browser import all_pages
from nexus.build import build
from nexus.chromium import ARGS, chromium_executable
from nexus.server import SiteServer, free_port, site_prefix

# Home, three deep pages, and the two pages with the largest diagrams (a stadium-shaped flowchart
# and an entity-relationship diagram).
PAGES = ["", "concepts/caching/", "tech/celery/", "challenges/", "path/", "concepts/database-design/"]
BUDGETS = yaml.safe_load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))
BUDGET_FIRST = BUDGETS["pages"]["first_visit_bytes"]
BUDGET_CLICK = BUDGETS["pages"]["navigation_click_bytes"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse(url, preset, runs):
    scores = {c: [] for c in CATEGORIES + ["tbt_ms"]}
    for _ in range(runs):
        command = ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json", "--output-path=stdout",
                   "--only-categories=" + ",".join(CATEGORIES),
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=chromium_executable() or "")
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        report = json.loads(result.stdout)
        for category in CATEGORIES:
            scores[category].append(report["categories"][category]["score"])
        scores["tbt_ms"].append(round(report["audits"]["total-blocking-time"]["numericValue"]))
    return {c: statistics.median(v) for c, v in scores.items()}


def has_diagram(site, path):
    return 'class="mermaid"' in (site / path / "index.html").read_text(encoding="utf-8")


def drawing_cost(tmp):
    """Seconds the build spends drawing diagrams into an empty cache, then with every one cached."""
    import re
    times = {}
    for label in ("cold", "cached"):
        start = time.monotonic()
        result = build(ROOT, tmp / "site", env={"NEXUS_DIAGRAM_CACHE": str(tmp / "diagram-cache")})
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
        built = re.search(r"Documentation built in ([\d.]+) seconds", result.stdout + result.stderr)
        drawn = re.search(r"(\d+) new diagram\(s\) drawn in ([\d.]+) s", result.stdout + result.stderr)
        times[label] = {"build_s": float(built[1]) if built else round(time.monotonic() - start, 1),
                        "diagrams_drawn": int(drawn[1]) if drawn else 0,
                        "drawing_s": float(drawn[2]) if drawn else 0.0}
    return times


def wire_bytes(browser, server, site):
    first, clicks = {}, {}
    for path in all_pages(site):
        context = browser.new_context()
        page = context.new_page()
        mark = len(server.log)
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)   # late start-up requests (sitemap for instant navigation)
        first[path] = server.bytes_since(mark)
        link = page.locator("a.md-footer__link--next")
        if link.count():
            mark = len(server.log)
            link.click()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            target = page.url.split(site_prefix(), 1)[1].split("#")[0]
            clicks[path] = (server.bytes_since(mark), has_diagram(site, target))
        context.close()
    return first, clicks


def search_quality(browser, server, site):
    """Every generated query typed into the search box of one page: quality and latency."""
    cases = searchbox.generate(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    outputs = searchbox.run_queries(context.new_page(), server, [case.query for case in cases])
    context.close()
    summary, failures = searchbox.score(cases, outputs)
    timings = sorted(result["ms"] for result in outputs)
    summary.update(p50_ms=round(statistics.median(timings), 1),
                   p95_ms=round(timings[int(0.95 * (len(timings) - 1))], 1), failures=failures[:20])
    return summary


def first_search_bytes(browser, server):
    """Bytes on the wire from the first tap on the search box to the rendered results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page = context.new_page()
    page.goto(server.url + "concepts/caching/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    mark = len(server.log)
    page.click(searchbox.SEARCH)
    page.keyboard.type("redis")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    page.wait_for_load_state("networkidle")
    paths = sorted({path.rsplit("/", 1)[-1] for path, _, _ in server.log[mark:]})
    total = server.bytes_since(mark)
    context.close()
    return {"gzip_bytes": total, "files": paths, "budget_bytes": BUDGETS["search"]["first_search_gzip_bytes"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--save-baseline", action="store_true")
    parser.add_argument("--search-only", action="store_true", help="only the search figures")
    args = parser.parse_args()
    # Build for the port the site is served on, so instant navigation works as on Pages.
    port = free_port()
    site = ROOT / "test-results" / "bench-site"
    result = build(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}{site_prefix()}"})
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    index = (site / "search/search_index.json").read_bytes()
    results = {"measured": time.strftime("%Y-%m-%d"),
               "search_index": {"raw_bytes": len(index), "gzip_bytes": len(gzip.compress(index, 6)),
                                "budget_gzip_bytes": BUDGETS["search"]["index_gzip_bytes"]}}
    from playwright.sync_api import sync_playwright
    with SiteServer(site, site_prefix(), port=port) as server, sync_playwright() as playwright:
        # Other hosts are blocked by the resolver, not by Playwright's routing, which disables the
        # HTTP cache: with it, a click counted the page twice (prefetch on hover, then the click).
        browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                             args=[*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        results["search_first_bytes"] = first_search_bytes(browser, server)
        results["search_quality"] = search_quality(browser, server, site)
        if args.search_only:
            print(json.dumps(results, indent=2))
            return
        first, clicks = wire_bytes(browser, server, site)
        worst = max(first, key=first.get)
        results["first_visit"] = {"worst_page": worst, "worst_bytes": first[worst],
                                  "median_bytes": int(statistics.median(first.values())),
                                  "pages_over_budget": sorted(p for p, b in first.items() if b > BUDGET_FIRST),
                                  "budget_bytes": BUDGET_FIRST, "pages": len(first)}
        drawn = {p: b for p, b in first.items() if has_diagram(site, p)}
        results["first_visit_with_diagram"] = {"worst_page": max(drawn, key=drawn.get),
                                               "worst_bytes": max(drawn.values()),
                                               "median_bytes": int(statistics.median(drawn.values())),
                                               "pages": len(drawn)}
        for key, part in (("navigation_click", {p: b for p, (b, _) in clicks.items()}),
                          ("navigation_click_to_diagram", {p: b for p, (b, d) in clicks.items() if d})):
            worst = max(part, key=part.get)
            results[key] = {"worst_from": worst, "worst_bytes": part[worst],
                            "median_bytes": int(statistics.median(part.values())), "clicks": len(part)}
        results["navigation_click"]["budget_bytes"] = BUDGET_CLICK
        browser.close()
        if not args.skip_lighthouse:
            results["lighthouse"] = {}
            for path in PAGES:
                for preset in ("mobile", "desktop"):
                    results["lighthouse"][f"{path or 'home'} {preset}"] = lighthouse(server.url + path, preset, args.runs)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        results["diagram_drawing"] = drawing_cost(Path(tmp))
    out = ROOT / "bench"
    out.mkdir(exist_ok=True)
    baseline_path = out / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.is_file() else {}
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.save_baseline or not baseline:
        baseline_path.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print("\nChange from bench/baseline.json:")
    for key, value in flatten(results).items():
        old = flatten(baseline).get(key)
        if isinstance(value, (int, float)) and isinstance(old, (int, float)) and old != value:
            print(f"  {key}: {old} -> {value}")


def flatten(data, prefix=""):
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


if __name__ == "__main__":
    main()
