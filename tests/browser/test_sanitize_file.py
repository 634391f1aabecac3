"""Over file:// (the offline zip and the pull-request preview), each line of defence on its own.
Each payload of tests/security/payloads.yml that says how it `fires` is opened in Chromium from a
file, rendered as the hub renders Markdown: as written it really fires (so the entry tests
something); once sanitized nothing happens (no dialog, no request to another host, no
navigation); and unsanitized under the hub's Content-Security-Policy (nexus/site/csp.py), no
script runs and no request leaves (a meta refresh or a link still navigates: only the sanitizer
stops those)."""
import pytest
import yaml

from nexus import ROOT, sanitize
from nexus.site import csp
from test_sanitize import render

PAYLOADS = [p for p in yaml.safe_load((ROOT / "tests/security/payloads.yml").read_text(encoding="utf-8")) if "fires" in p]
WRAP = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payload</title></head><body>'
        '<div class="md-content"><article class="md-content__inner md-typeset">{}</article></div>'
        '<script>window.__themeRan = 1</script></body></html>')
THEME = csp.source_hash("window.__themeRan = 1")
POLICY = f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{csp.policy({THEME}, [])}">'


def what_happens(browser, paths):
    """Open file:// pages and report what each did: dialogs, requests to other hosts, navigations.
    All of them at once, as tabs of one browser context: what a payload does comes from timers
    and events, so the pages wait for them together instead of one after another."""
    context = browser.new_context()
    seen = {}                                  # page -> what it did

    def route(handle):
        request = handle.request
        if request.url.startswith(("file:", "data:", "about:")):
            return handle.continue_()
        if "evil.example" in request.url:    # the payloads' host; a page's own links go elsewhere
            seen[request.frame.page]["navigate" if request.is_navigation_request() and request.frame.parent_frame is None
                                     else "request"].append(request.url)
        return handle.abort()

    context.route("**/*", route)
    opened = []
    for path in paths:
        page = context.new_page()
        seen[page] = {"alert": [], "request": [], "navigate": []}
        page.on("dialog", lambda dialog, page=page: (seen[page]["alert"].append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        opened.append((path, page))
    opened[0][1].wait_for_timeout(600)
    for path, page in opened:
        page.mouse.move(200, 100)              # for handlers that wait for the pointer
        # A reader clicks what the page shows (a javascript: link or an onclick runs only then).
        for target in page.locator("article a, article p, article h2, article button, article text").all()[:8]:
            try:
                target.click(timeout=1000, no_wait_after=True, force=True)
            except Exception:                  # not clickable (hidden, zero size): a reader could not either
                pass
            if page.url != path.as_uri():
                break
    opened[0][1].wait_for_timeout(400)
    context.close()
    return [seen[page] for _, page in opened]


@pytest.fixture(scope="module")
def outcomes(browser, tmp_path_factory):
    """Per payload, what its page did as written, sanitized, and as written under the policy."""
    folder = tmp_path_factory.mktemp("payloads")
    paths = {}
    for number, payload in enumerate(PAYLOADS):
        html = render(payload["markdown"])
        pages = {"raw": WRAP.format(html), "clean": WRAP.format(sanitize.sanitize(html)[0]),
                 "guarded": WRAP.format(html).replace('<meta charset="utf-8">', POLICY, 1)}
        for name, text in pages.items():
            paths[payload["id"], name] = folder / f"{number}-{name}.html"
            paths[payload["id"], name].write_text(text, encoding="utf-8")
    keys = list(paths)
    # In groups: a few dozen pages open at once is plenty to share the waits.
    seen = [outcome for start in range(0, len(keys), 30) for outcome in what_happens(browser, [paths[key] for key in keys[start:start + 30]])]
    return dict(zip(keys, seen))


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_a_payload_fires_as_written_and_not_once_sanitized(outcomes, payload):
    before = outcomes[payload["id"], "raw"]
    assert before[payload["fires"]], f"the payload does not fire as written: {before}"
    after = outcomes[payload["id"], "clean"]
    assert after == {"alert": [], "request": [], "navigate": []}, after
    if payload["fires"] in ("alert", "request"):
        held = outcomes[payload["id"], "guarded"]
        assert held["alert"] == held["request"] == [], held


def test_enough_payloads_are_shown_to_fire():
    assert len(PAYLOADS) >= 35
