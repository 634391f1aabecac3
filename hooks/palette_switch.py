"""Narrow Material's "no transitions while the palette switches" rule to the elements that have one.

Material's palette code marks <body data-md-color-switching> on every page load, not only on a
switch, then reads a computed style; its stylesheet answers with `[data-md-color-switching] *`,
which makes Chromium recalculate the style of every element twice per load (scripts/profile_theme.py:
about 50 ms of a 4x-throttled phone's main thread on tech/celery, and the same again when the mark is
removed). The same rule, written for only the elements Material gives a transition, keeps the
switch free of transitions and costs a fraction. The selectors are read from the built CSS, so a
theme upgrade brings its own; if the rule is gone, the build warns instead of guessing.
"""
import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("palette_switch")
MARK = "[data-md-color-switching]"
RULE = re.compile(r"\[data-md-color-switching\] \*,[^{}]*\{transition-duration:0s!important\}")
BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")   # innermost rule blocks of minified CSS
TRANSITION = re.compile(r"transition(?:-property)?:(?!none)")   # "none" turns transitions off
PSEUDO_ELEMENT = re.compile(r"::?(?:before|after|placeholder|marker|selection|-webkit-[a-z-]+)\b")


def _split(text, separators):
    """Split at separators outside parentheses (a regex cannot count them)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def transitioned(css):
    """The rightmost compound selector of every rule that declares a transition."""
    found = set()
    for selectors, declarations in BLOCK.findall(css):
        if not TRANSITION.search(declarations) or MARK in selectors or selectors.lstrip().startswith("@"):
            continue
        for selector in _split(selectors, ","):
            compound = PSEUDO_ELEMENT.sub("", _split(selector.strip(), " >+~")[-1]).strip()
            if compound:
                found.add(compound)
    return sorted(found)


def on_post_build(config):
    styles = Path(config.site_dir, "assets", "stylesheets")
    palettes = list(styles.glob("palette.*.min.css"))
    if len(palettes) != 1 or not RULE.search(palettes[0].read_text(encoding="utf-8")):
        log.warning("Material's %s * rule was not found: check hooks/palette_switch.py against the theme.", MARK)
        return
    palette = palettes[0]
    css = "".join(path.read_text(encoding="utf-8") for path in sorted(styles.glob("*.min.css")))
    # One selector per target, not one :is(...) list: Chromium files a selector under its last
    # class or tag, so each is tried only on matching elements; an :is() list is tried on all
    # elements in every style recalculation (measured: slower than the rule it replaced).
    narrowed = ",".join(f"{MARK} {target}{pseudo}" for target in transitioned(css)
                        for pseudo in ("", "::before", "::after"))
    text = palette.read_text(encoding="utf-8")
    palette.write_text(RULE.sub(lambda _: narrowed + "{transition-duration:0s!important}", text), encoding="utf-8")
