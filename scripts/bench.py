"""Reader-side benchmarks of the built site (make bench). Figures are printed and saved as JSON.

- Every kind of page (nexus/pagekinds.py: home, technology, concept, ..., recipe, decision
  guide, API reference, My learning, ...): the kind's typical page and its heaviest by elements
  and by bytes, chosen from the build, so a new page or a new kind is measured from its first
  day. Each gets its elements and click bytes, and Lighthouse's mobile preset (median of --runs,
  interleaved: run 1 of every page, then run 2, ...) and desktop preset, with total blocking time
  and cumulative layout shift; a table per kind against the targets in data/budgets.yml. The
  machine's load average is printed with the figures (Lighthouse on a busy 2-core machine is
  noisy; compare builds with --against, never across runs).
- --against OTHER_SITE: the same pages of another build (for example main's, built into a
  folder), each Lighthouse run of this build followed by the same run of the other (A B A B).
- Bytes on the wire (gzip) for a cold first visit to every page (pages with a diagram also shown
  apart: their SVG is inline), and for an instant-navigation click; counted from the local
  server's own log, which includes the search worker's body.
- Diagram drawing: the build's time with an empty diagram cache and with a full one.
- Search: quality over the queries generated from the built site (nexus/searchbox.py):
  success at 1 and 3, mean reciprocal rank; latency from keystroke to rendered results over the
  same queries; the bytes a first search downloads (index, worker, engine) on the wire; the time
  from the first keystroke to the first results (the pages, shown while their sections load) and
  to the full results on a phone throttled as Lighthouse's mobile preset; both latencies again
  with five times today's content in the index.

Usage: python scripts/bench.py [--runs 3] [--skip-lighthouse] [--search-only] [--kinds-only]
       [--kinds KIND,KIND] [--typical-only] [--pages PATH,PATH] [--site BUILT_SITE] [--against OTHER_SITE]
Compares with bench/baseline.json and writes bench/latest.json; --save-baseline replaces it.
--kinds-only measures the pages of each kind and nothing else (no file written).
"""
import argparse
import collections
import contextlib
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


import yaml

from nexus import ROOT, pagekinds, searchbox
from nexus.browser import PHONE, PHONE_CPU_SLOWDOWN, all_pages
from nexus.build import build
from nexus.chromium import ARGS, chromium_executable
from nexus.server import H2SiteServer, SiteServer, free_port, site_prefix

BUDGETS = yaml.safe_load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))
BUDGET_FIRST = BUDGETS["pages"]["first_visit_bytes"]
BUDGET_CLICK = BUDGETS["pages"]["navigation_click_bytes"]
TARGETS = BUDGETS["lighthouse"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift", "lcp_ms": "largest-contentful-paint"}
CHROME_FLAGS = "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def lighthouse_once(url, preset):
    """One Lighthouse run: the four category scores, TBT, CLS and LCP."""
    command = ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json", "--output-path=stdout",
               "--only-categories=" + ",".join(CATEGORIES), CHROME_FLAGS]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=chromium_executable() or "")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    run = {c: report["categories"][c]["score"] for c in CATEGORIES}
    for name, audit in METRICS.items():
        value = report["audits"][audit]["numericValue"]
        run[name] = round(value, 4) if name == "cls" else round(value)
    return run


def median_of(runs):
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def lighthouse(builds, paths, runs, desktop=True):
    """builds: {label: server URL}. Mobile runs interleaved across pages and builds (run 1 of
    every page in every build, then run 2, ...), then one desktop run each. Returns
    {label: {path: {"mobile": medians, "desktop": run}}} and the load averages seen."""
    mobile = {label: {path: [] for path in paths} for label in builds}
    loads = [os.getloadavg()[0]]
    for number in range(runs):
        for path in paths:
            for label, url in builds.items():
                mobile[label][path].append(lighthouse_once(url + path, "mobile"))
        loads.append(os.getloadavg()[0])
        print(f"  mobile run {number + 1} of {runs} done (load average {loads[-1]:.1f})", file=sys.stderr)
    out = {label: {} for label in builds}
    for path in paths:
        for label, url in builds.items():
            out[label][path] = {"mobile": median_of(mobile[label][path]),
                                "mobile_runs": [run["performance"] for run in mobile[label][path]],
                                "desktop": lighthouse_once(url + path, "desktop") if desktop else None}
    loads.append(os.getloadavg()[0])
    return out, {"min": round(min(loads), 1), "max": round(max(loads), 1)}


def meets(mobile, desktop):
    """The targets a page misses (data/budgets.yml, lighthouse)."""
    misses = []
    if mobile["performance"] < TARGETS["mobile_performance"]:
        misses.append("mobile score")
    if mobile["tbt_ms"] > TARGETS["mobile_tbt_ms"]:
        misses.append("TBT")
    if mobile["cls"] > TARGETS["mobile_cls"]:
        misses.append("CLS")
    if desktop and desktop["performance"] < TARGETS["desktop_performance"]:
        misses.append("desktop score")
    return misses


def kind_table(picked, measured, first_visit, label=None, other=None):
    """The per-kind table (Markdown): one row per chosen page, with its roles."""
    head = "| Kind | Page (why chosen) | Elements | Click (gzip) | First visit (gzip) | Mobile | TBT | CLS | Desktop | Misses |"
    lines = [head, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for kind, roles in picked.items():
        if not roles:
            lines.append(f"| {kind} | no page yet | | | | | | | | |")
            continue
        by_path = {}
        for role, page in roles.items():
            by_path.setdefault(page.path, (page, []))[1].append(role)
        for path, (page, why) in by_path.items():
            figures = measured.get(path)
            cells = [kind, f"{path or 'home'} ({', '.join(why)})", f"{page.elements:,}", f"{page.html_gzip / 1024:.1f} KB",
                     f"{first_visit[path] / 1024:.1f} KB" if path in first_visit else "–"]
            if figures:
                mob, desk = figures["mobile"], figures["desktop"]
                cells += [f"{mob['performance']:.2f}", f"{mob['tbt_ms']} ms", f"{mob['cls']:.3f}",
                          f"{desk['performance']:.2f}" if desk else "–", ", ".join(meets(mob, desk)) or "none"]
                if other and path in other:
                    o_mob, o_desk = other[path]["mobile"], other[path]["desktop"]
                    cells[5:9] = [f"{o_mob['performance']:.2f} → {mob['performance']:.2f}",
                                  f"{o_mob['tbt_ms']} → {mob['tbt_ms']} ms", f"{o_mob['cls']:.3f} → {mob['cls']:.3f}",
                                  f"{o_desk['performance']:.2f} → {desk['performance']:.2f}" if desk else "–"]
            else:
                cells += ["–"] * 5
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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


def wire_bytes(browser, server, site, paths=None, click=True):
    first, clicks = {}, {}
    for path in all_pages(site) if paths is None else paths:
        context = browser.new_context()
        page = context.new_page()
        mark = len(server.log)
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)   # late start-up requests (sitemap for instant navigation)
        first[path] = server.bytes_since(mark)
        link = page.locator("a.md-footer__link--next")
        if click and link.count():
            mark = len(server.log)
            link.click()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            target = page.url.split(site_prefix(), 1)[1].split("#")[0]
            clicks[path] = (server.bytes_since(mark), has_diagram(site, target))
        context.close()
    return first, clicks


def typed(browser, server, queries):
    """Queries typed one after another into the search box of one page (after a warm-up search):
    the results, and the milliseconds from each key event to its full result drawn (p50, p95) and
    to the first list drawn, the interim list of pages where the sections had to load (shown_)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outputs = searchbox.run_queries(context.new_page(), server, queries)
    context.close()
    timings = sorted(result["ms"] for result in outputs)
    shown = sorted(result["shownMs"] for result in outputs)
    return outputs, {"p50_ms": round(statistics.median(timings), 1),
                     "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                     "shown_p50_ms": round(statistics.median(shown), 1),
                     "shown_p95_ms": round(shown[int(0.95 * (len(shown) - 1))], 1), "queries": len(timings)}


def search_quality(browser, server, site):
    """Every generated query typed into the search box of one page: quality and latency."""
    cases = searchbox.generate(site)
    outputs, latency = typed(browser, server, [case.query for case in cases])
    summary, failures = searchbox.score(cases, outputs)
    summary.update(latency, failures=failures[:20])
    return summary


def search_engine(site):
    """The site's search worker in Node (nexus/searchbox.mjs) on the generated set and the question
    map: success at 1 and 3 and MRR, at page and at section level; the gzip bytes of a first search
    (to the first results, typed word by word) and of each later word; milliseconds per query in
    the worker (the browser's rendering comes on top: search_quality's latency)."""
    import dataclasses
    import statistics
    generated, asked = searchbox.generate(site), searchbox.questions(site)
    setup, results = searchbox.run_node(site, [[case.query] for case in generated + asked])
    out = {}
    for name, cases, got in (("generated", generated, results[:len(generated)]),
                             ("questions", asked, results[len(generated):])):
        section, _ = searchbox.score(cases, got)
        page, _ = searchbox.score([dataclasses.replace(case, section="", first=False) for case in cases], got)
        out[name] = {"section": section, "page": page}
    # Coverage of the question map per topic and per kind: questions, and how many find their
    # section in the first three (questions() keeps data/questions.yml's order).
    entries = yaml.safe_load((ROOT / "data/questions.yml").read_text(encoding="utf-8"))
    counts = {}
    for entry, case, got in zip(entries, asked, results[len(generated):]):
        for key in (f"topic {entry['topic']}", f"kind {entry['kind']}"):
            row = counts.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += case.passes(got["groups"])
    out["questions_by"] = {key: f"{found}/{total}" for key, (total, found) in sorted(counts.items())}
    _, typed = searchbox.run_node(site, [searchbox.typing(case.query) for case in asked])
    firsts, later = {}, []
    for step in typed:
        if step["session"] not in firsts:
            firsts[step["session"]] = setup + step["bytes"]
        else:
            later.append(step["bytes"])
    ms = sorted(result["ms"] for result in results)
    out["bytes"] = {"first_median": statistics.median(firsts.values()), "first_max": max(firsts.values()),
                    "later_median": statistics.median(later), "later_max": max(later),
                    "budget_first": BUDGETS["search"]["first_search_gzip_bytes"],
                    "budget_later": BUDGETS["search"]["later_search_gzip_bytes"]}
    out["worker_ms"] = {"median": round(statistics.median(ms), 1), "p95": round(ms[int(len(ms) * 0.95)], 1)}
    # The page's prefetch (search-on-demand.js), each query typed character by character: first
    # searches whose postings it fetched before the manifest arrived, and those where it fetched a
    # piece the search then did not read.
    out["prefetch"] = {
        "postings_prefetched": sum(1 for result in results if any(
            name.startswith("p/") and name in result["names"] for name in result["prefetched"])),
        "wasted": sum(1 for result in results if set(result["prefetched"]) - set(result["names"])),
        "first_searches": len(results)}
    # Round trips after the manifest to a first search's results (each query in a new worker):
    # on a phone each costs a network's latency, whatever the bytes.
    trips = collections.Counter(result["trips"] for result in results)
    out["round_trips"] = {"first_search": {str(count): number for count, number in sorted(trips.items())},
                          "budget": BUDGETS["search"]["first_search_round_trips"]}
    return out


def first_search_bytes(browser, server):
    """Bytes on the wire from the first tap on the search box to the rendered results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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


# Lighthouse's mobile preset as DevTools applies it (its "slow 4G" with the adjustment factors of
# lighthouse-core/config/constants.js: 150 ms RTT x 3.75, 1.6 Mbps x 0.9) and a 4x slower CPU.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
           "uploadThroughput": 675 * 1024 / 8}
# In the page: when the first key went down, when the first result was drawn (the interim list of
# pages counts: search-engine.js, preview()), and when the first full result was.
FIRST_RESULT = """() => { window.__firstKey = null; window.__firstResult = null; window.__fullResult = null;
  document.addEventListener('keydown', () => { if (window.__firstKey === null) window.__firstKey = performance.now(); }, true);
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.md-search-result__item')) return;
    if (window.__firstResult === null) window.__firstResult = performance.now();
    if (!document.querySelector('INTERIM')) { window.__fullResult = performance.now(); observer.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true}); }""".replace("INTERIM", searchbox.INTERIM)


def first_search_slow_4g(setups, words=("redis", "celery", "migrations", "cors", "docker"), runs=3):
    """Milliseconds from the first keystroke to the first rendered results, and to the full ones
    (sections and snippets), on a throttled phone (SLOW_4G, CPU 4x), each run from a cold cache on
    a loaded page: median and worst. setups: name -> (browser, server), measured interleaved. Over
    HTTP/1.1 the browser fetches six files from a host at a time; over HTTP/2 (as GitHub Pages
    serves) all at once."""
    out = {name: {} for name in setups}
    for _ in range(runs):
        for word in words:
            for name, (browser, server) in setups.items():
                out[name].setdefault(word, []).append(_first_results_ms(browser, server, word))
    summary = {}
    for name, by_word in out.items():
        first = [ms for runs_ in by_word.values() for ms, _ in runs_]
        full = [ms for runs_ in by_word.values() for _, ms in runs_]
        summary[name] = {"median_ms": statistics.median(first), "worst_ms": max(first),
                         "full_median_ms": statistics.median(full), "full_worst_ms": max(full),
                         "runs": by_word, "target_ms": BUDGETS["search"]["first_results_slow_4g_ms"]}
    return summary


def _first_results_ms(browser, server, word):
    # No routing here: main()'s browsers block other hosts by their resolver, and routing would
    # turn off the HTTP cache that the engine's early fetch fills (search-on-demand.js).
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    page.goto(server.url + "concepts/caching/")
    page.wait_for_load_state("networkidle")
    page.evaluate(FIRST_RESULT)
    page.click("label.md-header__button[for='__search']")   # a phone shows search as an icon
    page.keyboard.type(word, delay=120)     # a reader's typing speed on a phone
    page.wait_for_function("() => window.__fullResult !== null", timeout=60_000)
    ms = page.evaluate("[window.__firstResult - window.__firstKey, window.__fullResult - window.__firstKey]")
    context.close()
    return [round(value) for value in ms]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--save-baseline", action="store_true")
    parser.add_argument("--search-only", action="store_true", help="only the search figures")
    parser.add_argument("--kinds-only", action="store_true", help="only the pages of each kind (nothing saved)")
    parser.add_argument("--kinds", help="comma-separated kinds to measure (default: all)")
    parser.add_argument("--typical-only", action="store_true", help="only each kind's typical page")
    parser.add_argument("--pages", help="comma-separated URL paths: only the chosen pages among these ('' is home)")
    parser.add_argument("--site", type=Path, help="a site built already, instead of building one")
    parser.add_argument("--against", type=Path, help="another built site: Lighthouse interleaved with it (A B A B)")
    parser.add_argument("--no-desktop", action="store_true", help="Lighthouse's mobile preset only")
    args = parser.parse_args()
    # Build for the port the site is served on, so instant navigation works as on Pages.
    port = free_port()
    site = args.site.resolve() if args.site else ROOT / "test-results" / "bench-site"
    if not args.site:
        result = build(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}{site_prefix()}"})
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
    wanted = set(args.kinds.split(",")) if args.kinds else None
    picked = pagekinds.chosen(site, wanted)
    if args.typical_only:
        picked = {kind: {"typical": roles["typical"]} if roles else {} for kind, roles in picked.items()}
    if args.pages is not None:
        keep = set(args.pages.split(","))
        picked = {kind: {role: page for role, page in roles.items() if page.path in keep}
                  for kind, roles in picked.items()}
        picked = {kind: roles for kind, roles in picked.items() if roles}
    chosen_paths = [page.path for page in pagekinds.distinct(picked)]
    results = {"measured": time.strftime("%Y-%m-%d")}
    if not args.kinds_only:
        results["search_engine"] = search_engine(site)
    from playwright.sync_api import sync_playwright
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(SiteServer(site, site_prefix(), port=port))
        playwright = stack.enter_context(sync_playwright())
        # Other hosts are blocked by the resolver, not by Playwright's routing, which disables the
        # HTTP cache and passes each request through the driver: with it, a click counted the page
        # twice (prefetch on hover, then the click), and a later search's p95 took 235 ms, not 149.
        local_only = [*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=local_only)
        if args.kinds_only:
            first, _ = wire_bytes(browser, server, site, chosen_paths, click=False)
        else:
            results["search_first_bytes"] = first_search_bytes(browser, server)
            h2 = stack.enter_context(H2SiteServer(site, site_prefix()))
            h2_browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                                    args=[*local_only, f"--ignore-certificate-errors-spki-list={h2.spki}"])
            # The same site with five times today's content in its search index (the byte budgets'
            # test does the same: nexus.searchbox.scaled_site), for the latency at that size.
            big = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "site"
            searchbox.scaled_site(site, big, 5, pages=True)
            h2_big = stack.enter_context(H2SiteServer(big, site_prefix()))
            big_browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                                     args=[*local_only, f"--ignore-certificate-errors-spki-list={h2_big.spki}"])
            slow = first_search_slow_4g({"http2": (h2_browser, h2), "http1": (browser, server),
                                         "http2_5x": (big_browser, h2_big)})
            # HTTP/2 is how GitHub Pages serves the hub; the local HTTP/1.1 server's figure is kept beside it.
            results["search_first_results_slow_4g"] = slow["http2"]
            results["search_first_results_slow_4g_http1"] = slow["http1"]
            results["search_first_results_slow_4g_5x"] = slow["http2_5x"]
            results["search_quality"] = search_quality(browser, server, site)
            # Latency at both sizes on the same sample (every fourth generated query), each from a
            # fresh page: the whole set above runs with a warmer cache, and so is faster.
            big_server = stack.enter_context(SiteServer(big, site_prefix()))
            sample = [case.query for case in searchbox.generate(site)[::4]]
            results["search_latency_by_size"] = {"1x": typed(browser, server, sample)[1],
                                                 "5x": typed(browser, big_server, sample)[1]}
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
        results["kinds"] = {kind: {role: {"path": page.path, "elements": page.elements, "click_bytes": page.html_gzip,
                                          "first_visit_bytes": first.get(page.path)}
                                   for role, page in roles.items()} for kind, roles in picked.items()}
        measured, other = {}, None
        if not args.skip_lighthouse:
            builds = {"this": server.url}
            if args.against:
                theirs = stack.enter_context(SiteServer(args.against.resolve(), site_prefix()))
                builds["against"] = theirs.url
            print(f"Lighthouse on {len(chosen_paths)} pages x {len(builds)} build(s), "
                  f"{args.runs} mobile runs interleaved + 1 desktop", file=sys.stderr)
            found, load = lighthouse(builds, chosen_paths, args.runs, desktop=not args.no_desktop)
            measured, other = found["this"], found.get("against")
            results["lighthouse"] = {"load_average": load, "pages": measured}
            if other:
                results["lighthouse"]["against"] = {"site": str(args.against), "pages": other}
    table = kind_table(picked, measured, first, other=other)
    if measured:
        load = results["lighthouse"]["load_average"]
        table += (f"\n\nLighthouse 12, mobile median of {args.runs} interleaved runs, desktop one run; load average "
                  f"{load['min']}–{load['max']} on {os.cpu_count()} cores" +
                  (f"; before → after = {args.against} → this build" if other else "") + ".")
    results["table"] = table
    if args.kinds_only:
        print(json.dumps(results, indent=2, default=str))
        print("\n" + table)
        return
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
    print("\n" + table)


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
