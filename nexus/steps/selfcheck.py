"""Each page's ```selfcheck block (parsed by nexus.checks.selfcheck), rendered as an accessible form.

The output is Markdown inside md_in_html blocks, not finished HTML, so the prompts, options and
explanations go through the engine like the rest of the page and the strict build validates their
links. Without JavaScript every question shows its answer and explanations in a <details> block;
extra.js adds Check, feedback, the score and Retry. The questions restate the page, so their
section stays out of the search index (a heading marked data-search-exclude).
"""
import hashlib
import random
import re
from dataclasses import replace
from html import escape

from markdown.preprocessors import Preprocessor

from nexus.checks import selfcheck
from nexus.page import Page

HINT = {"single": "Choose one answer.", "output": "Choose one answer.",
        "multiple": "Choose all that apply.", "order": "Give each step its position."}


def shuffled(steps, seed):
    """The steps in a fixed order that depends on page + id, and is never the correct order."""
    order = list(range(len(steps)))
    random.Random(int(hashlib.sha256(seed.encode()).hexdigest(), 16)).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _inline(text):
    return " ".join(str(text).split())


# Program output shown exactly: each character Markdown or HTML would read is written as a
# character reference, in one pass (replacing one character at a time re-escaped the '#' of the
# references already written, and readers saw "&#91;5, 10&#93;").
LITERAL = str.maketrans({char: f"&#{ord(char)};" for char in "&<>\"'\\`*_[]#!|{}~\n"})


def _literal(text):
    return str(text).translate(LITERAL)


def _separate_fences(text):
    """Blank lines around each fenced block (the page model finds them): a fence inside a
    paragraph would end up in a <p>."""
    lines = text.split("\n")
    fences = Page.parse("", text).fences
    starts = {fence.start for fence in fences}
    ends = {fence.end for fence in fences if fence.end}
    out = []
    for number, line in enumerate(lines, start=1):
        if number in starts and out and out[-1].strip():
            out.append("")
        out.append(line)
        if number in ends:
            out.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _split_prompt(prompt):
    """(first paragraph for the legend, the rest) unless the prompt starts with a block."""
    text = _separate_fences(str(prompt).strip())
    head, _, rest = text.partition("\n\n")
    if head.lstrip().startswith(("```", "~~~", "    ", "- ", "* ", "1. ", ">")):
        return "", text
    return _inline(head), rest.strip()


def _option_label(question, option):
    if question["type"] == "output":
        return f'<code class="nexus-q__out">{_literal(option["text"])}</code>'
    return _inline(option["text"])


def render_question(question, number, total, page_key):
    ident, kind = question["id"], question["type"]
    base = f"sc-{ident}"
    legend, rest = _split_prompt(question["prompt"])
    out = [f'<fieldset class="nexus-q" id="{base}" data-q="{ident}" data-type="{kind}" markdown>',
           f'<legend markdown="span">Question {number} of {total}. {legend}</legend>', ""]
    if rest:
        out += [rest, ""]
    if kind == "output":
        out += [f'```python title="examples/{question["file"]}"', f'--8<-- "{question["file"]}"', "```", ""]
    out += [f'<p class="nexus-q__hint">{HINT[kind]}</p>', ""]
    answer = ['<details class="nexus-q__answer" markdown>', "<summary>Answer and explanations</summary>", ""]
    if kind == "order":
        steps = question["steps"]
        out.append('<div class="nexus-q__steps" markdown>')
        choices = '<option value="">Position…</option>' + "".join(
            f'<option value="{i}">Position {i}</option>' for i in range(1, len(steps) + 1))
        for shown, index in enumerate(shuffled(steps, f"{page_key}#{ident}")):
            field = f"{base}-{shown}"
            out += ["", f'<div class="nexus-q__step" data-pos="{index + 1}" markdown>',
                    f'<select id="{field}" class="nexus-q__pos">{choices}</select> '
                    f'<label for="{field}">{_inline(steps[index])}</label>', "</div>"]
        out += ["", "</div>", ""]
        answer += ['<div class="nexus-q__why" markdown>', "", "**The order:**", ""]
        answer += [f"{i}. {_inline(step)}" for i, step in enumerate(steps, 1)]
        answer += ["", _inline(question["why"]), "", "</div>"]
    else:
        control = "checkbox" if kind == "multiple" else "radio"
        out.append('<div class="nexus-q__options" markdown>')
        for index, option in enumerate(question["options"]):
            field, right = f"{base}-{index}", bool(option.get("correct"))
            label = _option_label(question, option)
            out += ["", f'<div class="nexus-q__option" data-option="{index}" data-correct="{str(right).lower()}" markdown>',
                    f'<input type="{control}" name="{base}" id="{field}" value="{index}"> '
                    f'<label for="{field}">{label}</label>', "</div>"]
            verdict = "Correct." if right else "Wrong."
            answer += ["", f'<div class="nexus-q__why" data-option="{index}" markdown>',
                       f'<strong class="nexus-q__verdict">{verdict}</strong> '
                       f'<span class="nexus-q__echo">{label}:</span> {_inline(option["why"])}', "</div>"]
        out += ["", "</div>", ""]
    answer += ["", "</details>"]
    out += ['<p class="nexus-q__actions" hidden><button type="button" class="md-button nexus-q__check">Check</button> '
            '<button type="button" class="md-button nexus-q__retry" hidden>Retry</button></p>',
            '<p class="nexus-q__result" role="status"></p>', ""]
    out += answer + ["", "</fieldset>", ""]
    return "\n".join(out)


def render(check, page_key):
    questions = check.questions
    out = [f'<div class="nexus-selfcheck" data-page="{escape(page_key)}" data-count="{len(questions)}" markdown>', "",
           f'<p class="nexus-selfcheck__intro">{len(questions)} questions. Answer, then open '
           '“Answer and explanations” under each question.</p>', ""]
    for number, question in enumerate(questions, 1):
        out.append(render_question(question, number, len(questions), page_key))
    out += ['<p class="nexus-selfcheck__score" role="status" hidden></p>', "", "</div>"]
    return "\n".join(out)



class SelfChecks(Preprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def run(self, lines):
        markdown = "\n".join(lines)
        if "selfcheck" not in markdown:
            return lines
        page = self.build.page(self.md)
        if page is None:
            return lines
        source = self.build.root / "docs" / page.path
        check, problems = selfcheck.parse(Page.read(source, self.build.root) if source.is_file()
                                          else Page.parse(page.rel, markdown), self.build.root)
        for problem in problems:
            self.build.reporter.add(replace(problem, rule=problem.rule or "selfcheck"))
        blocks = Page.parse(page.rel, markdown).selfchecks
        if check is None or not blocks or not blocks[0].end:
            return lines
        block = blocks[0]
        before = lines[:block.start - 1]
        for index in range(len(before) - 1, -1, -1):
            if before[index].startswith("## "):
                if "{" not in before[index]:
                    before[index] += " { data-search-exclude }"
                break
        return before + render(check, page.path).split("\n") + lines[block.end:]
