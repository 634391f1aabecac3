"""The self-check syntax (nexus/checks/selfcheck.py): what it accepts, each error's message and line,
the section requirement, the build-time rendering, and every `output` question's answer."""
import subprocess
import sys

import pytest

from nexus.checks import pages, selfcheck
from nexus import ROOT
from nexus.page import Page
from nexus.site.learning import fnv
from nexus.steps.learning import keyed

HEAD = "---\ntitle: Demo\n---\n\nText.\n\n## Check yourself\n\n"   # the block starts on line 9
GOOD = """```selfcheck
- id: pick-one
  type: single
  prompt: Which one?
  options:
    - text: This one.
      correct: true
      why: Because [it is](#here).
    - text: That one.
      why: No.
- id: pick-some
  type: multiple
  prompt: Which ones?
  options:
    - text: A
      correct: true
      why: Yes.
    - text: B
      correct: true
      why: Yes.
    - text: C
      why: No.
- id: in-order
  type: order
  prompt: Put these in order.
  steps:
    - First.
    - Second.
    - Third.
  why: Because.
- id: prints
  type: output
  prompt: What does this print?
  file: selfcheck/generators_first.py
  options:
    - text: "produced 1\\n1"
      correct: true
      why: One value was pulled.
    - text: "produced 1\\nproduced 2\\n1"
      why: Nothing runs ahead.
```
"""


def problems(body, head=HEAD):
    found, result = selfcheck.parse(Page.parse("docs/concepts/demo.md", head + body), ROOT)
    return [str(p) for p in result]


def test_the_documented_syntax_is_accepted():
    found, result = selfcheck.parse(Page.parse("docs/concepts/demo.md", HEAD + GOOD), ROOT)
    assert result == []
    assert [q["id"] for q in found.questions] == ["pick-one", "pick-some", "in-order", "prints"]
    assert found.block.start == 9


def test_a_page_without_a_self_check_has_no_problems():
    assert selfcheck.parse(Page.parse("docs/x.md", HEAD + "```python\nprint(1)\n```\n"))[1] == []


def test_a_self_check_shown_inside_a_longer_fence_is_an_example_not_a_block():
    text = HEAD + "````markdown\n```selfcheck\n- id: 1\n```\n````\n"
    assert selfcheck.find(Page.parse("docs/x.md", text)) == []


BAD = [
    # (what is wrong, replace this, with this, expected message, line in the file)
    ("not YAML", "  prompt: Which one?", "  prompt: [Which one?", "self-check is not valid YAML", 12),
    ("unknown type", "type: single", "type: choice",
     "question 1 ('pick-one'): type 'choice' is not a question type; use one of: single, multiple, order, output", 11),
    ("id not a slug", "id: pick-one", "id: Pick One",
     "id 'Pick One' must be a lower-case slug", 10),
    ("duplicate id", "id: pick-some", "id: pick-one",
     "question 2 ('pick-one'): id 'pick-one' is already used by question 1", 19),
    ("missing why", "      why: No.\n", "",
     "question 1 ('pick-one'): options[1]: missing required field 'why'", 17),
    ("two correct in single", "    - text: That one.\n", "    - text: That one.\n      correct: true\n",
     "a 'single' question needs exactly one option with 'correct: true', found 2", 14),
    ("none correct in multiple", "      correct: true\n      why: Yes.\n    - text: B\n      correct: true\n",
     "      why: Yes.\n    - text: B\n",
     "a 'multiple' question needs at least one option with 'correct: true', found 0", 23),
    ("one option only", "    - text: That one.\n      why: No.\n", "",
     "question 1 ('pick-one'): options has 1 item(s); give 2–5", 14),
    ("steps on a single question", "  prompt: Which one?\n", "  prompt: Which one?\n  steps: [a, b, c]\n",
     "question 1 ('pick-one'): field(s) steps not used by 'single' questions; the fields are: id, type, prompt, options", 10),
    ("two steps", "    - Third.\n", "", "question 3 ('in-order'): steps has 2 item(s); give 3–6", 35),
    ("missing file", "selfcheck/generators_first.py", "selfcheck/nope.py",
     "question 4 ('prints'): file examples/selfcheck/nope.py does not exist", 42),
    ("file outside examples", "selfcheck/generators_first.py", "../checks/pages.py",
     "file examples/../checks/pages.py does not exist", 42),
    ("number as text", '    - text: "produced 1\\n1"', "    - text: 3",
     "question 4 ('prints'): options[0].text must be text, got int (3); quote it: \"3\"", 44),
    ("empty prompt", "  prompt: Which one?", "  prompt: ''", "question 1 ('pick-one'): prompt is empty", 12),
    ("unknown option field", "      why: Because [it is](#here).", "      why: Because.\n      answer: yes",
     "options[0]: unknown field(s) answer; an option has text, why and correct", 14),
    ("not a list", GOOD, "```selfcheck\nid: x\n```\n", "the block must be a YAML list of questions", 10),
    ("never closed", GOOD, "```selfcheck\n- id: x\n", "the ```selfcheck block is never closed", 9),
    ("two blocks", GOOD, GOOD + "\n" + GOOD, "a page has one self-check", 51),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_a_bad_self_check_gets_a_clear_message_with_file_and_line(case):
    _, old, new, expected, line = case
    assert old in GOOD
    messages = problems(GOOD.replace(old, new, 1))
    assert any(m.startswith(f"docs/concepts/demo.md:{line}: ") and expected in m for m in messages), messages


def fixture_rules(rule=None):
    rules = pages.Rules(ROOT)
    rules.sections = {"concepts/": {"selfcheck": rule or {"min": 3, "max": 6, "heading": "Check yourself"}}}
    return rules


def test_the_requirement_is_enforced_when_a_section_turns_it_on():
    rules = fixture_rules()
    section = rules.sections["concepts/"]
    assert selfcheck.check(Page.parse("docs/concepts/demo.md", HEAD + GOOD), section) == []
    missing = selfcheck.check(Page.parse("docs/concepts/demo.md", HEAD), section)
    assert [str(p) for p in missing] == [
        "docs/concepts/demo.md:1: pages in concepts/ need a self-check: a '## Check yourself' section "
        "with a ```selfcheck block of 3–6 questions (see CONTRIBUTING.md)"]
    few = GOOD[:GOOD.index("- id: pick-some")] + "```\n"
    assert [str(p) for p in selfcheck.check(Page.parse("docs/concepts/demo.md", HEAD + few), section)] == [
        "docs/concepts/demo.md:9: the self-check has 1 question(s); pages in concepts/ need 3–6"]
    misplaced = HEAD.replace("## Check yourself", "## Checklist") + GOOD
    assert [str(p) for p in selfcheck.check(Page.parse("docs/concepts/demo.md", misplaced), section)] == [
        "docs/concepts/demo.md:9: the self-check must sit in its own '## Check yourself' section"]


def test_the_requirement_reaches_the_page_checks_through_page_rules(tmp_path):
    """A real concept page passes with its self-check and fails without it: the rule travels
    from data/page_rules.yml through the page checks."""
    rules = pages.Rules(ROOT)
    assert rules.sections["concepts/"]["selfcheck"]["heading"] == "Check yourself"
    source = (ROOT / "docs/concepts/caching.md").read_text(encoding="utf-8")
    start = source.index("## Check yourself")
    without = source[:start] + source[source.index("\n## ", start + 1) + 1:]
    page = tmp_path / "docs/concepts/caching.md"
    page.parent.mkdir(parents=True)
    rules.root = tmp_path
    (tmp_path / "examples").symlink_to(ROOT / "examples")   # the questions' program files
    for text, expected in ((source, False), (without, True)):
        page.write_text(text, encoding="utf-8")
        problems = [str(p) for p in pages.check_page(page, rules) if "self-check" in p.message]
        assert bool(problems) is expected, problems


def output_questions():
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        check, _ = selfcheck.parse(Page.read(path, ROOT))
        for question in check.questions if check else []:
            if question["type"] == "output":
                found.append(pytest.param(question, id=f"{path.stem}:{question['id']}"))
    return found


@pytest.mark.parametrize("question", output_questions())
def test_every_output_question_prints_its_correct_option(question):
    script = ROOT / "examples" / question["file"]
    # -S: no site-packages, so a script that needs more than the standard library fails here.
    result = subprocess.run([sys.executable, "-S", script.name], cwd=script.parent, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    correct = next(o["text"] for o in question["options"] if o.get("correct"))
    assert result.stdout.strip() == correct
    wrong = [o["text"] for o in question["options"] if not o.get("correct")]
    assert result.stdout.strip() not in wrong


def test_output_questions_exist():
    assert len(output_questions()) >= 2


def test_order_steps_are_shuffled_the_same_way_every_build_and_never_in_order():
    from nexus.steps.selfcheck import shuffled
    for count in range(3, 7):
        steps = [f"step {i}" for i in range(count)]
        orders = [shuffled(steps, f"concepts/demo.md#q-{n}") for n in range(200)]
        assert all(order != sorted(order) and sorted(order) == list(range(count)) for order in orders)
        assert orders == [shuffled(steps, f"concepts/demo.md#q-{n}") for n in range(200)]
        assert len({tuple(o) for o in orders}) > 1, "the seed must change the order"


def test_a_built_self_check_is_an_accessible_form_with_its_answers_in_details(site):
    import re
    html = (site / "concepts/generators/index.html").read_text(encoding="utf-8")
    block = html[html.index('<div class="nexus-selfcheck"'):html.index('class="nexus-selfcheck__score"')]
    assert block.count("<fieldset") == 5 and block.count("<legend>") == 5
    assert block.count('type="radio"') == 9 and block.count('type="checkbox"') == 4
    assert block.count('<select id="sc-generator-life-') == 5
    assert block.count('<details class="nexus-q__answer">') == 5 and block.count('role="status"') == 5
    assert block.count('for="sc-') == block.count('type="radio"') + block.count('type="checkbox"') + 5
    assert "markdown=" not in block, "md_in_html left an attribute behind"
    assert '<a href="#pitfalls">Pitfalls</a>' in block, "explanations are rendered Markdown with links"
    assert 'class="filename">examples/selfcheck/generators_twice.py<' in block, "output code shown whole"
    positions = re.findall(r'class="nexus-q__step" data-pos="(\d)"', block)
    assert positions != sorted(positions) and sorted(positions) == ["1", "2", "3", "4", "5"]
    assert 'data-page="concepts/generators.md"' in block


def test_checklist_items_carry_a_stable_key(site):
    html = (site / "concepts/generators/index.html").read_text(encoding="utf-8")
    assert 'data-tick="you-can-explain-iterable-vs-iterator-vs-generator"' in html
    learning = (site / "my-learning/index.html").read_text(encoding="utf-8")
    first = fnv("you-can-explain-iterable-vs-iterator-vs-generator")
    assert f'"concepts/generators.md":{{"t":"Generators","s":"Concepts","k":["{first}",' in learning
    assert '"q":["first-pulls-one","second-pass-is-empty","generator-life"' in learning


def test_the_index_hash_is_the_same_in_python_and_in_the_browser_script():
    """My learning matches stored tick keys against hashes made at build time."""
    import json
    import re
    source = (ROOT / "docs/assets/javascripts/extra.js").read_text(encoding="utf-8")
    function = re.search(r"  function fnv\(key\) \{.*?\n  \}\n", source, flags=re.S).group(0)
    keys = ["you-can-explain-iterable-vs-iterator-vs-generator", "keep-me", "é-ünïcödé-日本", "a", "item-2"]
    script = function + f"console.log(JSON.stringify({json.dumps(keys)}.map(fnv)));"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [fnv(key) for key in keys]


def test_an_explicit_id_or_the_text_keys_a_tick():
    html = ('<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> Use '
            '<code>.iterator()</code> for one-off passes</li>'
            '<li class="task-list-item" id="keep-me"><input type="checkbox" disabled/> Renamed item</li>'
            '<li class="task-list-item"><input type="checkbox" disabled/> Same</li>'
            '<li class="task-list-item"><input type="checkbox" disabled/> Same</li></ul>')
    out = keyed(html)
    import re
    assert re.findall(r'data-tick="([^"]+)"', out) == ["use-iterator-for-one-off-passes", "keep-me", "same", "same-2"]


def test_an_id_on_the_line_under_a_checklist_item_keys_its_tick():
    """The syntax CONTRIBUTING.md gives, through the site's own Markdown extensions."""
    import markdown
    html = markdown.markdown("- [ ] Reworded item\n  { #item-id }\n- [ ] Another item\n",
                             extensions=["attr_list", "pymdownx.tasklist"],
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}})
    out = keyed(html)
    assert 'id="item-id" data-tick="item-id"' in out and 'data-tick="another-item"' in out
