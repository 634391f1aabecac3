"""Nothing moves while a page loads: layout shift (the PerformanceObserver's layout-shift entries,
what Lighthouse's CLS adds up) stays within data/budgets.yml on every kind of page
(nexus/pagekinds.py: each kind's typical page and its heaviest by elements), on a phone and on a
desktop, for a reader whose browser storage is full (ticks, self-check answers, saved pages,
notes and recent pages, made from the built site) and, on a phone, for a first-time reader.

The worst case is made deterministic: the theme's deferred scripts are held back until the page
has painted once, so whatever they fill in or reveal after the first paint is counted, as on a
slow phone, instead of depending on whether this machine painted before they ran."""
import json
import re

import pytest
import yaml

from nexus import ROOT, pagekinds
from nexus.browser import PHONE, new_context

BUDGET = yaml.safe_load((ROOT / "data/budgets.yml").read_text(encoding="utf-8"))["pages"]["layout_shift"]
VIEWPORTS = {"phone": PHONE, "desktop": {"viewport": {"width": 1350, "height": 940}}}
OBSERVER = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({
  value: e.value, at: Math.round(e.startTime), sources: (e.sources || []).map(s => (s.node ? (s.node.id ? '#' + s.node.id
    : (s.node.className || s.node.nodeName)).toString().slice(0, 60) : '?') + ' ' + [s.previousRect, s.currentRect]
    .map(r => [r.x, r.y, r.width, r.height].map(Math.round).join(',')).join(' -> ')) }); })
  .observe({type: "layout-shift", buffered: true});"""
DEFERRED = re.compile(r'<script defer src="([^"]+)"')


def reader_data(site):
    """A full store (docs/assets/javascripts/store.js, version 2) made from the built pages: half
    of every checklist ticked, every self-check answered (alternately right and wrong), a note
    and a saved entry on every page, ten recent pages."""
    data = {"version": 2, "ticks": {}, "checks": {}, "saved": {}, "notes": {}, "recent": [], "legacy": {}}
    for page in pagekinds.pages(site):
        html = (site / page.path / "index.html").read_text(encoding="utf-8")
        key = re.search(r'class="nexus-tools" data-page="([^"]+)"', html)
        if not key:
            continue
        key = key[1]
        ticks = re.findall(r'data-tick="([^"]+)"', html)
        if ticks:
            data["ticks"][key] = {tick: 1 for tick in ticks[::2]}
        for number, (ident, kind) in enumerate(re.findall(r'data-q="([^"]+)"[^>]*data-type="([^"]+)"', html)):
            answer = list(range(1, 1 + html.count(f'id="sc-{ident}-'))) if kind == "order" else [0]
            data["checks"].setdefault(key, {})[ident] = {"ok": number % 2 == 0, "answer": answer, "t": 1}
        title = re.search(r"<title>(.*?) - ", html)
        title = title[1] if title else key
        data["saved"][key] = {"title": title, "t": 1}
        data["notes"][key] = {"text": f"My note on {title}:\nwhat to try next.", "title": title, "t": 1}
        if len(data["recent"]) < 10:
            data["recent"].append({"page": key, "title": title, "t": 1})
    return data


@pytest.fixture(scope="module")
def stored(site):
    return json.dumps(reader_data(site))


def load_and_measure(browser, server, site, path, viewport, stored):
    context = new_context(browser, **VIEWPORTS[viewport])
    if stored:
        context.add_init_script(f"try {{ localStorage.setItem('nexus-learning', {json.dumps(stored)}); }} catch (e) {{}}")
    context.add_init_script(OBSERVER)
    held, painted = [], []
    names = tuple(src.rsplit("/", 1)[-1] for src in DEFERRED.findall((site / path / "index.html").read_text(encoding="utf-8")))

    def hold(route):
        if route.request.url.endswith(names) and not painted:
            held.append(route)
        else:
            context.guard(route)

    context.unroute("**/*")
    context.route("**/*", hold)
    page = context.new_page()
    page.goto(server.url + path, wait_until="commit")
    page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
    painted.append(True)                     # painted once: now the theme's scripts may run
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))))")
    shifts = page.evaluate("window.__shifts")
    blocked = context.guard.blocked
    context.close()
    assert not blocked, blocked
    return round(sum(shift["value"] for shift in shifts), 4), shifts


def chosen_pages(site, roles=("typical", "most elements")):
    return sorted({page.path for chosen in pagekinds.chosen(site).values()
                   for role, page in chosen.items() if role in roles})


# A phone with and without stored data, on each kind's typical page and its heaviest; a desktop
# with stored data on the typical pages (the wide layout has more room: nothing moved there that
# did not move on the phone too). `make test` runs the first, where the most fills in; the sweep
# the other two (together 129 s of `make test`'s 29 minutes on 2026-12-07).
CASES = [pytest.param("phone", True, id="phone-stored"),
         pytest.param("phone", False, id="phone-first-visit", marks=pytest.mark.sweep),
         pytest.param("desktop", True, id="desktop-stored", marks=pytest.mark.sweep)]


@pytest.mark.parametrize("viewport, with_data", CASES)
def test_no_kind_of_page_moves_while_it_loads(browser, server, site, stored, viewport, with_data):
    moved = []
    for path in chosen_pages(site, ("typical", "most elements") if viewport == "phone" else ("typical",)):
        total, shifts = load_and_measure(browser, server, site, path, viewport, stored if with_data else None)
        if total > BUDGET:   # each shift: when (ms), how much, and what moved from where to where
            moved.append(f"{path or 'home'}: {total} " + "; ".join(
                f"{shift['at']} ms {shift['value']:.4f} {shift['sources'][:3]}" for shift in shifts))
    assert not moved, f"layout shift over {BUDGET} ({viewport}, {'stored data' if with_data else 'first visit'}):\n" + "\n".join(moved)
