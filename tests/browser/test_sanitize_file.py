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


def what_happens(browser, path):
    """Open a file:// page and report what it did: dialogs, requests to other hosts, navigations."""
    context = browser.new_context()
    seen = {"alert": [], "request": [], "navigate": []}

    def route(handle):
        request = handle.request
        if request.url.startswith(("file:", "data:", "about:")):
            return handle.continue_()
        if "evil.example" in request.url:    # the payloads' host; a page's own links go elsewhere
            seen["navigate" if request.is_navigation_request() and request.frame.parent_frame is None
                 else "request"].append(request.url)
        return handle.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["alert"].append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_timeout(600)
    page.mouse.move(200, 100)              # for handlers that wait for the pointer
    # A reader clicks what the page shows (a javascript: link or an onclick runs only then).
    for target in page.locator("article a, article p, article h2, article button, article text").all()[:8]:
        try:
            target.click(timeout=1000, no_wait_after=True, force=True)
        except Exception:                  # not clickable (hidden, zero size): a reader could not either
            pass
        if page.url != path.as_uri():
            break
    page.wait_for_timeout(400)
    context.close()
    return seen


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_a_payload_fires_as_written_and_not_once_sanitized(browser, tmp_path, payload):
    html = render(payload["markdown"])
    raw, clean = tmp_path / "raw.html", tmp_path / "clean.html"
    raw.write_text(WRAP.format(html), encoding="utf-8")
    clean.write_text(WRAP.format(sanitize.sanitize(html)[0]), encoding="utf-8")
    before = what_happens(browser, raw)
    assert before[payload["fires"]], f"the payload does not fire as written: {before}"
    after = what_happens(browser, clean)
    assert after == {"alert": [], "request": [], "navigate": []}, after
    if payload["fires"] in ("alert", "request"):
        guarded = tmp_path / "guarded.html"
        guarded.write_text(WRAP.format(html).replace('<meta charset="utf-8">', POLICY, 1), encoding="utf-8")
        held = what_happens(browser, guarded)
        assert held["alert"] == held["request"] == [], held


def test_enough_payloads_are_shown_to_fire():
    assert len(PAYLOADS) >= 35
