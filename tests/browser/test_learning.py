"""Self-checks and the reader's data on the built site: answers by mouse and by keyboard, data
that survives reloads, checklist edits, the old position-keyed store, export/clear/import, and
storage that is blocked or full."""
import json
import re

import pytest

from nexus.browser import mark_document, new_context, same_document
from nexus.server import SiteServer, free_port
from nexus.build import build
from nexus.repo import copy_repo
from nexus.server import site_prefix

GENERATORS = "concepts/generators/"
READY = ".nexus-tools:not([hidden])"        # extra.js has bound the page


def open_page(page, url):
    page.goto(url)
    page.wait_for_selector(READY, state="attached")
    page.wait_for_function("() => document.querySelector('.nexus-tools') && !document.querySelector('.nexus-tools').hidden")


def focused(page, name):
    return page.evaluate("name => document.activeElement.classList.contains(name)", name)


def stored(page):
    return json.loads(page.evaluate("localStorage.getItem('nexus-learning')") or "{}")


def ticks_of(page):
    boxes = page.locator("article .task-list-item input[type=checkbox]")
    return [boxes.nth(i).is_checked() for i in range(boxes.count())]


def tick(page, index):
    # The drawn tick sits over the hidden input; force=True clicks there, as a reader does.
    page.locator("article .task-list-item input[type=checkbox]").nth(index).click(force=True)


def test_a_self_check_answered_by_mouse_shows_feedback_and_the_score_persists(page, server):
    open_page(page, server.url + GENERATORS)
    question = page.locator("#sc-first-pulls-one")
    assert question.locator(".nexus-q__answer").is_hidden(), "with JavaScript, feedback replaces the details"
    question.locator(".nexus-q__check").click()
    assert "Choose an answer" in question.locator(".nexus-q__result").inner_text()
    question.locator("label[for='sc-first-pulls-one-2']").click()          # a wrong answer
    question.locator(".nexus-q__check").click()
    assert question.locator(".nexus-q__result").inner_text().startswith("Not quite.")
    assert question.locator(".nexus-q__result").get_attribute("role") == "status"
    feedback = question.locator(".nexus-q__option .nexus-q__feedback")
    assert feedback.count() == 3, "every option gets its explanation"
    assert "Your answer." in feedback.nth(2).inner_text() and "Wrong." in feedback.nth(2).inner_text()
    assert "Correct." in feedback.nth(0).inner_text()
    question.locator(".nexus-q__retry").click()
    assert question.locator(".nexus-q__feedback").count() == 0
    question.locator("label[for='sc-first-pulls-one-0']").click()
    question.locator(".nexus-q__check").click()
    assert question.locator(".nexus-q__result").inner_text().startswith("Correct.")
    score = page.locator(".nexus-selfcheck__score")
    assert score.inner_text() == "Your score: 1 of 5 right (4 not answered yet)."
    page.reload()
    page.wait_for_selector(".nexus-selfcheck.is-js")
    assert question.locator(".nexus-q__result").inner_text().startswith("Correct.")
    assert question.locator("#sc-first-pulls-one-0").is_checked()
    assert question.locator(".nexus-q__feedback").count() == 3
    assert score.inner_text() == "Your score: 1 of 5 right (4 not answered yet)."
    assert stored(page)["checks"]["concepts/generators.md"]["first-pulls-one"]["ok"] is True


def test_a_self_check_answered_by_keyboard_alone(page, server):
    open_page(page, server.url + GENERATORS)
    question = page.locator("#sc-queryset-export-memory")
    question.locator("#sc-queryset-export-memory-0").focus()   # a reader tabs here; start the test on it
    page.keyboard.press("ArrowDown")                            # radio group: the arrow picks option 2
    assert question.locator("#sc-queryset-export-memory-1").is_checked()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    assert focused(page, "nexus-q__check")
    page.keyboard.press("Enter")
    assert question.locator(".nexus-q__result").inner_text().startswith("Correct.")
    assert focused(page, "nexus-q__retry"), \
        "focus moves to Retry, not to the page"

    order = page.locator("#sc-generator-life")
    steps = order.locator(".nexus-q__step")
    order.locator("select").first.focus()
    for index in range(steps.count()):
        for _ in range(int(steps.nth(index).get_attribute("data-pos"))):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")      # labels are not focusable: Tab goes to the next select
    assert focused(page, "nexus-q__check")
    page.keyboard.press("Enter")
    assert order.locator(".nexus-q__result").inner_text().startswith("Correct.")
    assert order.locator(".nexus-q__feedback").count() == steps.count() + 1
    page.keyboard.press("Enter")        # Retry
    assert order.locator("select").first.evaluate("s => s === document.activeElement && s.value === ''")
    assert page.locator(".nexus-selfcheck__score").inner_text() == "Your score: 1 of 5 right (4 not answered yet)."


def test_ticks_saves_and_notes_survive_a_reload(page, server):
    open_page(page, server.url + GENERATORS)
    tick(page, 0)
    tick(page, 2)
    page.locator(".nexus-save").click()
    page.locator(".nexus-notes summary").click()
    page.fill("#nexus-note", "Generators pause at yield.")
    page.locator("#nexus-note").blur()
    page.reload()
    page.wait_for_selector(READY)
    assert ticks_of(page)[:3] == [True, False, True]
    assert page.locator(".nexus-save").get_attribute("aria-pressed") == "true"
    assert page.input_value("#nexus-note") == "Generators pause at yield."


@pytest.fixture
def edit_site(tmp_path):
    """A copy of the repository and a function that (re)builds it; each build is served on the
    same port, so the browser keeps the same origin and storage (the server caches files)."""
    repo = copy_repo(tmp_path / "repo")
    dest, port = tmp_path / "site", free_port()

    def serve():
        result = build(repo, dest)
        assert result.returncode == 0, result.stdout + result.stderr
        return SiteServer(dest, site_prefix(), port=port)

    return repo, serve


def test_editing_a_checklist_never_moves_a_tick(browser, edit_site):
    """Tick three items, then insert an item above them, reword one, delete one and swap two in
    the page's Markdown, rebuild, and reload: the surviving item keeps its tick in its new place,
    the reworded one loses only its own, and nothing is ticked that the reader did not tick."""
    repo, serve = edit_site
    page_md = repo / "docs/concepts/generators.md"
    text = page_md.read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 6
    context = new_context(browser)
    page = context.new_page()
    with serve() as server:
        open_page(page, server.url + GENERATORS)
        for index in (1, 3, 4):      # the reworded, the deleted and one of the swapped items
            tick(page, index)
        before = ticks_of(page)
    # The edit: a new first item, item 2 reworded, item 3 deleted, items 5 and 6 swapped.
    new = list(items)
    new[1] = new[1].replace("processed", "handled")
    assert new[1] != items[1]
    del new[3]
    new[3], new[4] = new[4], new[3]
    new.insert(0, "A brand new first item.")
    old_block = "\n".join(f"- [ ] {item}" for item in items)
    assert old_block in text
    page_md.write_text(text.replace(old_block, "\n".join(f"- [ ] {item}" for item in new)), encoding="utf-8")
    with serve() as server:
        open_page(page, server.url + GENERATORS)
        shown = page.locator("article .task-list-item").all_inner_texts()
        assert [" ".join(t.split()) for t in shown] == [item.replace("`", "") for item in new]
        after = dict(zip(new, ticks_of(page)))
    expected = {item: before[items.index(item)] if item in items else False for item in new}
    assert after == expected, f"ticks moved: {after} != {expected}"
    assert after[items[4]] and not after[items[5]], "the swapped items kept their own ticks"
    assert not after[new[2]], "the reworded item lost its own tick only"
    assert sum(after.values()) == 1, "the deleted item's tick went nowhere"
    assert not context.guard.blocked
    context.close()


def test_position_keyed_ticks_from_the_old_store_are_migrated(page, server):
    prefix = site_prefix()
    legacy = {f"{prefix}path/month-1/#0": True, f"{prefix}path/month-1/#2": True,
              f"{prefix}concepts/caching/#1": True, f"{prefix}path/month-1/#999": True}
    open_page(page, server.url + "about/")
    page.evaluate("data => { localStorage.clear(); localStorage.setItem('nexus-progress', JSON.stringify(data)); }",
                  legacy)
    open_page(page, server.url + "path/month-1/")
    assert ticks_of(page)[:3] == [True, False, True]
    assert page.evaluate("localStorage.getItem('nexus-progress')") is None, "the old key is folded in"
    data = stored(page)
    assert data["version"] == 2 and len(data["ticks"]["path/month-1.md"]) == 2
    assert all(not key[0].isdigit() for key in data["ticks"]["path/month-1.md"]), "keyed by text, not position"
    assert f"{prefix}path/month-1/#999" in data["legacy"], "a position that no longer exists is kept, not dropped"
    open_page(page, server.url + "my-learning/")       # a page not visited yet counts by position
    assert page.locator("#nexus-months li").first.inner_text().startswith("Month 1 – Foundations: 2 of ")
    assert page.locator("#nexus-sections").inner_text().split("Concepts: ")[1].startswith("1 of")
    open_page(page, server.url + "concepts/caching/")
    assert ticks_of(page)[:2] == [False, True]
    assert len(stored(page)["ticks"]["concepts/caching.md"]) == 1
    open_page(page, server.url + "my-learning/")
    assert page.locator("#nexus-sections").inner_text().split("Concepts: ")[1].startswith("1 of")
    page.evaluate("localStorage.clear()")


def test_export_clear_and_import_bring_everything_back(page, server, tmp_path):
    open_page(page, server.url + GENERATORS)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(READY)
    tick(page, 0)
    page.locator("label[for='sc-first-pulls-one-0']").click()
    page.locator("#sc-first-pulls-one .nexus-q__check").click()
    page.locator(".nexus-save").click()
    page.locator(".nexus-notes summary").click()
    page.fill("#nexus-note", "Note to carry over.")
    page.locator("#nexus-note").blur()
    open_page(page, server.url + "my-learning/")
    learning = page.locator("article")
    shown = learning.inner_text()
    assert "Generators: 1 of 5 right" in shown and "Note to carry over." in shown
    with page.expect_download() as download:
        page.click("#nexus-export")
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["app"] == "project-nexus" and data["version"] == 2
    assert data["checks"]["concepts/generators.md"]["first-pulls-one"]["ok"] is True

    page.click("#nexus-clear")
    assert page.locator("#nexus-clear-confirm").is_visible()
    page.click("#nexus-clear-no")
    assert stored(page), "Cancel keeps everything"
    page.click("#nexus-clear")
    page.click("#nexus-clear-yes")
    assert "deleted" in page.locator("#nexus-data-status").inner_text()
    assert "No self-check answered yet." in learning.inner_text()
    assert "Note to carry over." not in learning.inner_text()

    open_page(page, server.url + "tech/python/")       # something new on this device first
    page.locator(".nexus-save").click()
    open_page(page, server.url + "my-learning/")
    page.set_input_files("#nexus-import", str(exported))
    page.wait_for_function("() => document.getElementById('nexus-data-status').textContent.startsWith('Imported')")
    shown = learning.inner_text()
    assert "Generators: 1 of 5 right" in shown and "Note to carry over." in shown
    saved = page.locator("#nexus-saved").inner_text()
    assert "Python" in saved and "Generators" in saved, "import merges; it never deletes"
    open_page(page, server.url + GENERATORS)
    assert ticks_of(page)[0] is True
    assert page.locator("#sc-first-pulls-one .nexus-q__result").inner_text().startswith("Correct.")

    open_page(page, server.url + "my-learning/")
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    page.set_input_files("#nexus-import", str(bad))
    page.wait_for_function("() => document.getElementById('nexus-data-status').textContent.startsWith('Could not')")
    assert "not a Project Nexus export" in page.locator("#nexus-data-status").inner_text()
    assert "Note to carry over." in learning.inner_text()
    page.evaluate("localStorage.clear()")


BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""


@pytest.mark.parametrize("script, words", [(BLOCKED, "does not let the hub store data"),
                                           (FULL, "storage is full")], ids=["blocked", "full"])
def test_storage_blocked_or_full_gives_a_polite_message_and_the_page_works(browser, server, script, words):
    context = new_context(browser)
    context.add_init_script(script)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + GENERATORS)
    page.wait_for_selector(".nexus-selfcheck.is-js")
    tick(page, 0)
    page.locator("label[for='sc-first-pulls-one-0']").click()
    page.locator("#sc-first-pulls-one .nexus-q__check").click()
    assert page.locator("#sc-first-pulls-one .nexus-q__result").inner_text().startswith("Correct.")
    assert ticks_of(page)[0] is True
    note = page.locator(".nexus-storage-note")
    assert note.count() == 1 and note.is_visible() and words in note.inner_text()
    assert note.get_attribute("role") == "status"
    page.locator(".nexus-save").click()
    assert page.locator(".nexus-save").get_attribute("aria-pressed") == "true"
    ours = [e for e in errors if "nexus" in e.lower() or "store" in e.lower()]
    assert not ours, ours
    context.close()


def test_without_javascript_answers_and_explanations_are_in_details(browser, server):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + GENERATORS)
    question = page.locator("#sc-first-pulls-one")
    assert question.locator(".nexus-q__check").is_hidden(), "a button that cannot work is not shown"
    assert question.locator("input[type=radio]").count() == 3
    answer = question.locator("details.nexus-q__answer")
    assert not answer.locator(".nexus-q__why").first.is_visible()
    answer.locator("summary").click()
    assert answer.locator(".nexus-q__why").first.is_visible()
    assert "Correct." in answer.inner_text() and "Wrong." in answer.inner_text()
    assert page.locator(".nexus-tools").is_hidden()
    context.close()


def test_instant_navigation_binds_the_self_check_and_my_learning(page, server):
    open_page(page, server.url + "concepts/")
    mark_document(page)
    page.locator("article a[href$='generators/']").first.click()
    page.wait_for_selector(".nexus-selfcheck.is-js")
    page.locator("label[for='sc-first-pulls-one-0']").click()
    page.locator("#sc-first-pulls-one .nexus-q__check").click()
    assert page.locator("#sc-first-pulls-one .nexus-q__result").inner_text().startswith("Correct.")
    page.locator(".md-tabs a", has_text="My learning").first.click()
    page.wait_for_url("**/my-learning/")
    page.wait_for_selector("#nexus-scores li")
    assert "Generators: 1 of 5 right" in page.locator("#nexus-scores").inner_text()
    assert "Concepts" in page.locator("#nexus-recent").inner_text() or \
        "Generators" in page.locator("#nexus-recent").inner_text()
    assert same_document(page), "expected instant navigation, got full loads"


def test_unreadable_data_is_set_aside_not_overwritten(page, server):
    open_page(page, server.url + "about/")
    page.evaluate("localStorage.setItem('nexus-learning', '{\"version\": 2, \"ticks\": {broken')")
    open_page(page, server.url + GENERATORS)
    tick(page, 0)
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nexus-learning.unreadable.'))"
                         ".map(k => localStorage.getItem(k))")
    assert kept == ['{"version": 2, "ticks": {broken'], "the unreadable copy is kept for a human to rescue"
    assert list(stored(page)["ticks"]) == ["concepts/generators.md"]


def test_a_file_from_a_newer_version_is_refused_and_nothing_changes(page, server, tmp_path):
    open_page(page, server.url + GENERATORS)
    page.locator(".nexus-save").click()
    before = stored(page)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"app": "project-nexus", "version": 99, "saved": {"x.md": {"t": 1}}}),
                     encoding="utf-8")
    open_page(page, server.url + "my-learning/")
    page.set_input_files("#nexus-import", str(newer))
    page.wait_for_function("() => document.getElementById('nexus-data-status').textContent.startsWith('Could not')")
    assert "newer version" in page.locator("#nexus-data-status").inner_text()
    after = stored(page)
    assert after["saved"] == before["saved"] and after["ticks"] == before["ticks"]


HOSTILE_IMPORTS = {
    # a page key that would become a javascript: link, and a title that is markup
    "scheme": ({"saved": {"javascript:alert(document.domain)//.md": {"title": "<img src=x onerror=alert(1)>", "t": 1}}},
               "saved pages: “javascript:alert(document.domain)//.md” is not a page of this hub"),
    # prototype keys: the old import wrote onto Object.prototype
    "prototype": ('{"app":"project-nexus","version":2,"ticks":{"__proto__":{"polluted":1}}}',
                  "checklist ticks: “__proto__” is a reserved name"),
    # a value of the wrong type: saved, then broke the page on every load
    "wrong type": ({"saved": {"tech/python.md": "not a record"}},
                   "saved pages › “tech/python.md”: expected a group of fields, found text."),
    # one 1 MB note froze the page for over 100 s, and stayed saved
    "huge note": ({"notes": {"tech/python.md": {"text": "x" * 1_000_000, "title": "Python", "t": 1}}},
                  "the note is 1,000,000 characters long; the most it can hold is 20,000."),
    # a version that is not a whole number: an unclear error before
    "odd version": ('{"app":"project-nexus","version":1.5,"saved":{}}', "This file's version, “1.5”, is not one"),
    # no version: parked whole under "legacy" forever before
    "no version": ('{"app":"project-nexus","saved":{"tech/python.md":{"title":"P","t":1}}}', "has no version number"),
}


@pytest.mark.parametrize("name", list(HOSTILE_IMPORTS))
def test_a_hostile_file_is_refused_whole_and_nothing_changes(page, server, tmp_path, name):
    """Each class the review found: the file is refused with its first problem named, storage is
    byte for byte what it was, nothing runs, and Object.prototype is untouched."""
    content, message = HOSTILE_IMPORTS[name]
    if not isinstance(content, str):
        content = json.dumps({"app": "project-nexus", "version": 2, **content})
    errors, dialogs = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, server.url + GENERATORS)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(READY)
    tick(page, 0)
    page.locator(".nexus-save").click()
    open_page(page, server.url + "my-learning/")
    before = page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(content, encoding="utf-8")
    page.set_input_files("#nexus-import", str(hostile))
    page.wait_for_function("() => document.getElementById('nexus-data-status').textContent.startsWith('Could not')",
                           timeout=10_000)
    status = page.locator("#nexus-data-status").inner_text()
    assert message in status and status.endswith("Nothing was changed."), status
    assert page.evaluate("JSON.stringify(Object.entries(localStorage).sort())") == before
    assert page.evaluate("({}).polluted") is None
    assert "Generators" in page.locator("#nexus-saved").inner_text()
    assert not page.locator("article a[href^='javascript:'], article img[src='x']").count()
    open_page(page, server.url + GENERATORS)
    assert ticks_of(page)[0] is True
    assert not errors and not dialogs, (errors, dialogs)
    page.evaluate("localStorage.clear()")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(page, server, tmp_path):
    open_page(page, server.url + "my-learning/")
    page.evaluate("localStorage.clear()")
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"app": "project-nexus", "version": 2}) + " " * 2_000_001, encoding="utf-8")
    page.set_input_files("#nexus-import", str(big))
    page.wait_for_function("() => document.getElementById('nexus-data-status').textContent.startsWith('Could not')")
    assert "larger than 2 MB" in page.locator("#nexus-data-status").inner_text()
    assert page.evaluate("localStorage.length") == 0


def test_bad_stored_data_never_breaks_a_page_and_good_records_stay(page, server):
    """What the old import saved (wrong types, prototype keys, scheme links, a huge note) is
    repaired on load: the pages work, every good record is still shown, the original is kept aside."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    stored = {
        "version": 2,
        "ticks": {"concepts/generators.md": 5, "path/month-1.md": {"x": "yes"}},
        "checks": {"concepts/generators.md": {"first-pulls-one": {"ok": True, "answer": [0], "t": 1}},
                   "tech/python.md": [1, 2]},
        "saved": {"tech/python.md": {"title": "Python", "t": 2}, "javascript:alert(1)": {"title": "x", "t": 3},
                  "tech/django.md": None},
        "notes": {"tech/python.md": {"text": "Keep this note.", "title": "Python", "t": 4},
                  "tech/redis.md": {"text": "y" * 1_000_000, "title": "Redis", "t": 5}},
        "recent": "not a list",
        "legacy": {"__proto__": True},
    }
    raw = json.dumps(stored)
    open_page(page, server.url + "about/")
    page.evaluate("raw => { localStorage.clear(); localStorage.setItem('nexus-learning', raw); }", raw)
    open_page(page, server.url + GENERATORS)
    assert page.locator("#sc-first-pulls-one .nexus-q__result").inner_text().startswith("Correct.")
    open_page(page, server.url + "my-learning/")
    shown = page.locator("article").inner_text()
    assert "Generators: 1 of 5 right" in shown and "Keep this note." in shown
    assert "Python" in page.locator("#nexus-saved").inner_text()
    assert not page.locator("#nexus-saved a[href^='javascript:']").count()
    assert len(page.locator("#nexus-notes-list blockquote").nth(1).inner_text()) == 20_000, "cut, not dropped"
    aside = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nexus-learning.repaired.'))"
                          ".map(k => localStorage.getItem(k))")
    assert aside == [raw], "the original is kept whole for a human to rescue"
    assert page.evaluate("({}).polluted") is None
    assert not errors, errors
    page.evaluate("localStorage.clear()")


def test_every_self_check_reads_as_characters_not_entity_codes(page, server, site):
    """The text a reader sees in every question, option and explanation of every page, as the
    browser parses the built HTML: no `&#91;` or `&amp;` left over from escaping twice (once it
    offered `&#91;5, 10, 15, 20, 25&#93;` on tech/celery)."""
    pages = {html.parent.relative_to(site).as_posix(): html.read_text(encoding="utf-8")
             for html in sorted(site.rglob("index.html")) if 'class="nexus-q"' in html.read_text(encoding="utf-8")}
    page.goto(server.url)
    found = page.evaluate("""pages => {
      const out = {};
      for (const [path, html] of Object.entries(pages)) {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const texts = [...doc.querySelectorAll('.nexus-q legend, .nexus-q label, .nexus-q__why, .nexus-q pre')]
          .map(node => node.textContent);
        out[path] = {count: texts.length, bad: texts.filter(text => /&(#\\d+|#x[0-9a-f]+|[a-z]+);/i.test(text))};
      }
      return out;
    }""", pages)
    assert len(found) >= 50 and all(entry["count"] for entry in found.values()), {p: e["count"] for p, e in found.items()}
    bad = {path: entry["bad"][:3] for path, entry in found.items() if entry["bad"]}
    assert not bad, f"entity codes shown to readers: {bad}"
