"""Where Material's bundle spends its start-up: a CPU profile per page, mapped through the
bundle's source map to the theme's own source files, under Lighthouse's mobile CPU throttling (4x).

Usage: python scripts/profile_theme.py SITE_DIR [--runs 3] [page ...]  (pages: URL paths; default
the typical page of every kind, nexus/pagekinds.py, as scripts/bench.py measures them). Prints,
per source group (components/search, components/content, ...), the median time in ms its code
and the plumbing it calls (rxjs, browser/) spent on the main thread, and the page's
style-recalculation and layout time from Chromium's own counters. The table in README.md comes
from this.
"""
import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path


from nexus import ROOT

from nexus.browser import PHONE, PHONE_CPU_SLOWDOWN
from nexus.chromium import launch
from nexus.server import SiteServer, site_prefix

B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def decode_mappings(mappings: str):
    """Source-map v3 "mappings" -> per generated line, sorted (column, source index). Hand-written:
    the one PyPI parser (sourcemap 0.2.1) dates from 2017, and 20 lines do the job."""
    lines, source = [], 0
    for line in mappings.split(";"):
        column, segments = 0, []
        for segment in filter(None, line.split(",")):
            values, value, shift = [], 0, 0
            for char in segment:
                digit = B64[char]
                value += (digit & 31) << shift
                shift += 5
                if not digit & 32:
                    values.append(-(value >> 1) if value & 1 else value >> 1)
                    value, shift = 0, 0
            column += values[0]
            if len(values) > 1:
                source += values[1]
                segments.append((column, source))
        lines.append(segments)
    return lines


def group(path: str) -> str:
    """A theme source file -> the component it belongs to (what the README table names)."""
    path = path.split("src/templates/assets/javascripts/")[-1]
    if "node_modules/" in path:
        return path.split("node_modules/")[-1].split("/")[0]
    parts = path.split("/")
    if parts[0] == "components" and len(parts) > 2:
        return "/".join(parts[:3]) if parts[1] == "content" else "/".join(parts[:2])
    return "/".join(parts[:2]) if len(parts) > 1 else parts[0]


class Mapper:
    def __init__(self, site: Path):
        bundle = next((site / "assets/javascripts").glob("bundle.*.min.js"))
        self.name = bundle.name
        source_map = json.loads(bundle.with_name(bundle.name + ".map").read_text(encoding="utf-8"))
        self.sources = source_map["sources"]
        self.lines = decode_mappings(source_map["mappings"])

    def component(self, stack) -> str:
        """A trace stack (1-based lines and columns) -> its innermost component or the script's name."""
        for frame in stack:
            if frame.get("url", "").endswith(self.name):
                name = self(frame["lineNumber"] - 1, frame["columnNumber"] - 1)
                if name.startswith(("components/", "integrations/")):
                    return name
            elif frame.get("url"):
                return frame["url"].rsplit("/", 1)[-1]
        return "(bundle, other)"

    def __call__(self, line: int, column: int) -> str:
        segments = self.lines[line] if line < len(self.lines) else []
        best = None
        for seg_column, source in segments:   # the last segment at or before the column
            if seg_column > column:
                break
            best = source
        return group(self.sources[best]) if best is not None else "(bundle, unmapped)"


def mobile_page(browser):
    """A phone-sized page and its DevTools session, CPU throttled as Lighthouse's mobile preset."""
    page = browser.new_page(**PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    return page, cdp


def profile(browser, url: str, mapper: Mapper):
    page, cdp = mobile_page(browser)
    cdp.send("Performance.enable")
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 100})
    cdp.send("Profiler.start")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)
    result = cdp.send("Profiler.stop")["profile"]
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    page.close()
    nodes = {node["id"]: node for node in result["nodes"]}
    parent = {child: node["id"] for node in result["nodes"] for child in node.get("children", [])}

    def name_of(node_id):
        frame = nodes[node_id]["callFrame"]
        if frame["url"].endswith(mapper.name):
            return mapper(frame["lineNumber"], frame["columnNumber"])
        if frame["url"]:
            return frame["url"].rsplit("/", 1)[-1]
        return frame["functionName"] or "(native)"

    def owner(node_id):
        """The innermost component or integration on the stack: rxjs, browser/ and utilities/
        are plumbing, and their time belongs to the component that called them."""
        current = node_id
        while current is not None:
            name = name_of(current)
            if name.startswith(("components/", "integrations/", "bundle.ts")) or name.endswith(".js"):
                return name
            current = parent.get(current)
        return name_of(node_id)

    self_ms = defaultdict(float)
    for sample, delta in zip(result["samples"], result["timeDeltas"]):
        name = name_of(sample)
        if name in ("(idle)", "(program)"):
            continue
        self_ms[owner(sample)] += delta / 1000
    self_ms["= style recalculation (Chromium counter)"] = metrics["RecalcStyleDuration"] * 1000
    self_ms["= layout (Chromium counter)"] = metrics["LayoutDuration"] * 1000
    self_ms["= all script (Chromium counter)"] = metrics["ScriptDuration"] * 1000
    return self_ms


def forced(browser, url: str, mapper: Mapper):
    """{(component, "style"|"layout"): [count, ms]} for work that script forced during a load."""
    page, cdp = mobile_page(browser)
    events, done = [], []
    cdp.on("Tracing.dataCollected", lambda event: events.extend(event["value"]))
    cdp.on("Tracing.tracingComplete", lambda event: done.append(True))
    cdp.send("Tracing.start", {"transferMode": "ReportEvents", "categories":
              "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack"})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    page.close()
    found = defaultdict(lambda: [0, 0.0])
    kinds = {"UpdateLayoutTree": "style", "Layout": "layout"}
    for event in events:
        args = event.get("args") or {}
        stack = (args.get("beginData") or {}).get("stackTrace") or (args.get("data") or {}).get("stackTrace")
        if event.get("ph") == "X" and event.get("name") in kinds and stack:
            entry = found[(mapper.component(stack), kinds[event["name"]])]
            entry[0] += 1
            entry[1] += event["dur"] / 1000
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=14)
    parser.add_argument("--forced", action="store_true", help="forced style and layout per component")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from nexus import pagekinds
    site = Path(args.site).resolve()
    typical = [roles["typical"].path for roles in pagekinds.chosen(site).values() if roles]
    mapper = Mapper(site)
    with SiteServer(site, site_prefix()) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for path in args.pages or typical:
            if args.forced:
                runs = [forced(browser, server.url + path, mapper) for _ in range(args.runs)]
                keys = {key for run in runs for key in run}
                rows = {key: [statistics.median(run.get(key, [0, 0.0])[i] for run in runs) for i in (0, 1)] for key in keys}
                print(f"\n{path or 'home'} forced by script (median of {args.runs}, at 4x CPU)")
                for (name, kind), (count, ms) in sorted(rows.items(), key=lambda item: -item[1][1])[:args.top]:
                    print(f"  {ms:7.0f} ms  {count:4.0f}x  {kind:6}  {name}")
                continue
            runs = [profile(browser, server.url + path, mapper) for _ in range(args.runs)]
            names = {name for run in runs for name in run}
            median = {name: statistics.median(run.get(name, 0.0) for run in runs) for name in names}
            print(f"\n{path or 'home'} (median of {args.runs}, ms at 4x CPU)")
            for name, value in sorted(median.items(), key=lambda item: -item[1])[:args.top]:
                print(f"  {value:7.0f}  {name}")
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    main()
