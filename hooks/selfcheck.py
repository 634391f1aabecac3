"""Render each page's ```selfcheck block (parsed by checks/selfcheck.py) as an accessible form.

The output is Markdown inside md_in_html blocks, not finished HTML, so the prompts, options and
explanations go through MkDocs like the rest of the page and the strict build validates their
links. Without JavaScript every question shows its answer and explanations in a <details>
block; extra.js adds Check, feedback, the score and Retry.
"""
import hashlib
import random
import re
import sys
from html import escape
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from nexus.checks import selfcheck
from nexus.page import Page

log = get_plugin_logger("selfcheck")
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


def _literal(text):
    """Program output shown exactly: escaped for HTML and for Markdown, newlines kept."""
    out = escape(str(text), quote=True)
    for char in "\\`*_[]#!|{}~":
        out = out.replace(char, f"&#{ord(char)};")
    return out.replace("\n", "&#10;")


FENCE_MARK = re.compile(r"^\s*(`{3,}|~{3,})")


def _separate_fences(text):
    """Blank lines around each fenced block: a fence inside a paragraph would end up in a <p>."""
    out, fence = [], None
    for line in text.split("\n"):
        opening = FENCE_MARK.match(line) if fence is None else None
        if opening:
            fence = opening[1]
            if out and out[-1].strip():
                out.append("")
            out.append(line)
        elif fence is not None and line.strip() == fence:
            out += [line, ""]
            fence = None
        else:
            if fence is None and out and out[-1] == "" and not line.strip():
                continue
            out.append(line)
    return "\n".join(out).strip()


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


def on_page_markdown(markdown, page, **kwargs):
    if "selfcheck" not in markdown:
        return markdown
    rel = f"docs/{page.file.src_uri}"
    check, problems = selfcheck.parse(Page.parse(rel, page.file.content_string))
    for problem in problems:
        log.warning(str(problem))   # --strict turns each into a failure, named by file and line
    blocks = selfcheck.find(Page.parse(rel, markdown))
    if check is None or not blocks or not blocks[0].end:
        return markdown
    lines = markdown.split("\n")
    block = blocks[0]
    html = render(check, page.file.src_uri)
    before = lines[:block.start - 1]
    # The questions restate the page, so their section stays out of the search index that every
    # reader who searches downloads (Material's search skips a heading marked data-search-exclude).
    for index in range(len(before) - 1, -1, -1):
        if before[index].startswith("## "):
            if "{" not in before[index]:
                before[index] += " { data-search-exclude }"
            break
    return "\n".join(before + [html] + lines[block.end:])
