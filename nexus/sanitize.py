"""The hub's HTML sanitizer: nh3 (a binding of the Rust ammonia library) with the allowlist in
data/html_allowlist.yml, and a report of everything it removed.

    clean, removed = sanitize(html)
    for removal in removed:
        line = source_line(removal, markdown)      # the page's most likely source line, or None
        print(f"docs/{page}:{line}: {removal}")    # docs/x.md:12: removed <script> alert(1)

- The allowlist is data: exactly the elements, attributes and URL schemes that the hub's rendered
  articles use (tests/test_sanitize.py derives it from the built site and a page that uses every
  Markdown feature the hub enables, and checks that sanitizing every built article changes nothing).
- nh3 decides what stays. `removed` is what changed between the input and nh3's output, both read
  as a browser reads them, so nothing is stripped without a line in the report.
- Two rules ammonia has no option for are added here: CSS (in a style attribute: only the allowed
  properties, in a <style> element: only inside an inline SVG diagram; in either, no url() but to
  a #fragment, no @import, expression(), behavior, -moz-binding or backslash escape), and
  presentation attributes such as marker-end, which may only point at a #fragment.
"""
from __future__ import annotations

import difflib
import html as htmlmod
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import nh3
import yaml

from nexus import ROOT, yamlio

ALLOWLIST = ROOT / "data" / "html_allowlist.yml"
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "cite", "poster", "data", "background",
                  "srcset", "ping", "longdesc", "manifest", "lowsrc", "dynsrc", "codebase", "usemap", "itemtype"}
# HTML elements that never have an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
EXCERPT = 80
# A start or end tag (attribute values in quotes skipped whole), a comment, or a declaration.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<!--(.*?)-->|<[!?]", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


@dataclass(frozen=True)
class Allowlist:
    tags: frozenset
    attributes: dict            # tag -> set of attribute names, as ammonia matches them (local names)
    attribute_values: dict      # tag -> {attribute -> set of allowed values}
    url_schemes: frozenset
    clean_content_tags: frozenset
    style_properties: frozenset
    css_attributes: frozenset   # presentation attributes, whose values are CSS
    css_forbidden: tuple        # compiled patterns
    keep_comments: bool


@lru_cache(maxsize=4)
def load(path: Path = ALLOWLIST) -> Allowlist:
    data = yamlio.load(Path(path).read_text(encoding="utf-8"))
    attributes = {tag: set(names) for tag, names in data["attributes"].items()}
    values = {tag: {name: set(allowed) for name, allowed in spec.items()}
              for tag, spec in (data.get("attribute_values") or {}).items()}
    return Allowlist(
        tags=frozenset(data["tags"]), attributes=attributes, attribute_values=values,
        url_schemes=frozenset(data["url_schemes"]), clean_content_tags=frozenset(data["clean_content_tags"]),
        style_properties=frozenset(data["css"]["properties"]), css_attributes=frozenset(data["css"]["attributes"]),
        css_forbidden=tuple(re.compile(p, re.I) for p in data["css"]["forbidden"]),
        keep_comments=bool(data.get("keep_comments", True)))


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer removed. kind: element, end-tag, attribute, url, css, text,
    comment, declaration or changed (markup the browser would read differently)."""
    kind: str
    name: str
    element: str = ""
    excerpt: str = ""

    def __str__(self) -> str:
        excerpt = f": {self.excerpt}" if self.excerpt else ""
        if self.kind == "element":
            return f"removed <{self.name}>{excerpt}"
        if self.kind == "end-tag":
            return f"removed a stray </{self.name}>"
        if self.kind == "url":
            return f"removed {self.name}= on <{self.element}> (a URL the hub does not allow){excerpt}"
        if self.kind == "css":
            where = "inside a <style>" if self.name == "<style>" else f"in {self.name}= on <{self.element}>"
            return f"removed CSS {where}{excerpt}"
        if self.kind == "attribute":
            return f"removed {self.name}= on <{self.element}>{excerpt}"
        if self.kind == "text":
            return f"removed text inside <{self.element}>{excerpt}" if self.element else f"removed text{excerpt}"
        return f"{'changed' if self.kind == 'changed' else 'removed ' + self.kind}{excerpt}"


def _short(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _css_problem(css: str, allow: Allowlist, attribute: bool) -> str | None:
    for pattern in allow.css_forbidden:
        found = pattern.search(css)
        if found:
            return found.group(0)
    if attribute:
        for declaration in css.split(";"):
            name = declaration.split(":", 1)[0].strip().lower()
            if ":" in declaration and name not in allow.style_properties:
                return name
            if ":" not in declaration and not re.fullmatch(r"[\w-]*", declaration.strip()):
                return declaration.strip()
    return None


_URL_FUNCTION = re.compile(r"url\s*\(", re.I)
_LOCAL_URL = re.compile(r"^\s*url\(\s*['\"]?#[\w.:-]+['\"]?\s*\)\s*$", re.I)


def _attribute_filter(allow: Allowlist):
    def check(tag: str, name: str, value: str) -> str | None:
        if name == "style":
            return None if _css_problem(value, allow, attribute=True) else value
        if name in allow.css_attributes and _css_problem(value, allow, attribute=False):
            return None
        # Presentation attributes (marker-end, fill, filter, ...) may point at a #fragment only.
        if _URL_FUNCTION.search(value) and not _LOCAL_URL.match(value):
            return None
        return value
    return check


_STYLE_END = re.compile(r"</style[\t\n\f\r />]", re.I)     # where a <style>'s raw text ends


def _clean_styles(text: str, allow: Allowlist) -> str:
    """In nh3's well-formed output: drop a <style> outside an <svg> (only diagrams carry a
    stylesheet) or one holding markup, and empty one whose CSS loads or runs something. Tags are
    read with _TAG, which skips comments and quoted attribute values."""
    if "<style" not in text.lower():
        return text
    kept, at, position, depth = [], 0, 0, 0
    while True:
        match = _TAG.search(text, position)
        if not match:
            break
        name = (match.group(2) or "").lower()
        if name == "svg":
            depth = max(0, depth - 1) if match.group(1) else depth + 1
        if name == "style" and not match.group(1):
            if not depth:                        # HTML: raw text, up to the first end tag
                found = _STYLE_END.search(text, match.end())
                end = found.start() if found else len(text)
            else:                                # SVG: a <style> may hold elements (even a <style>)
                nested, end = 1, len(text)           # and comments, whose text is not markup
                for found in _TAG.finditer(text, match.end()):
                    if (found.group(2) or "").lower() == "style":
                        nested += -1 if found.group(1) else 1
                        if not nested:
                            end = found.start()
                            break
            close = text.find(">", end) + 1 or len(text)
            css = text[match.end():end]
            if not depth or "<" in css:
                kept.append(text[at:match.start()])
                at = close
            elif _css_problem(css, allow, attribute=False):
                kept.append(text[at:match.end()])
                at = end
            position = close
            continue
        position = match.end()
    kept.append(text[at:])
    return "".join(kept)


def clean(html: str, allow: Allowlist | None = None) -> str:
    """nh3 with the hub's allowlist, then the CSS rule. No report: see sanitize()."""
    allow = allow or load()
    attributes = {tag: set(names) for tag, names in allow.attributes.items()}
    for tag, spec in allow.attribute_values.items():       # ammonia: a valued attribute is listed only there
        attributes.setdefault(tag, set()).difference_update(spec)
    output = nh3.clean(
        html, tags=set(allow.tags), clean_content_tags=set(allow.clean_content_tags), attributes=attributes,
        tag_attribute_values=allow.attribute_values or None, url_schemes=set(allow.url_schemes),
        attribute_filter=_attribute_filter(allow), strip_comments=not allow.keep_comments, link_rel=None)
    return _clean_styles(output, allow)


# --- What changed: both sides read into events the way a browser's tokenizer sees them. ---------

@dataclass
class _Event:
    kind: str           # start, end, data, comment, decl
    name: str
    attrs: tuple = ()
    raw: str = ""
    parent: str = ""
    stray: bool = False

    def key(self):
        return (self.kind, self.name, self.attrs)


class _Events(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.events: list[_Event] = []
        self.open: list[str] = []
        self.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
        self.close()

    def _parent(self):
        return self.open[-1] if self.open else ""

    def handle_starttag(self, tag, attrs):
        attrs = tuple((name, "" if value is None else value) for name, value in attrs)
        self.events.append(_Event("start", tag, attrs, self.get_starttag_text() or "", self._parent()))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        stray = tag not in self.open
        if not stray:
            while self.open and self.open.pop() != tag:
                pass
        self.events.append(_Event("end", tag, raw=f"</{tag}>", stray=stray))

    def handle_data(self, data):
        if self.events and self.events[-1].kind == "data":
            previous = self.events[-1]
            previous.name += data
            previous.raw += data
        else:
            self.events.append(_Event("data", data, raw=data, parent=self._parent()))

    def handle_comment(self, data):
        self.events.append(_Event("comment", data, raw=f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.events.append(_Event("decl", decl, raw=f"<!{decl}>"))

    def unknown_decl(self, data):
        self.events.append(_Event("decl", data, raw=f"<![{data}]>"))

    def handle_pi(self, data):
        self.events.append(_Event("decl", data, raw=f"<?{data}>"))


def _attribute_removals(before: _Event, after: _Event, allow: Allowlist) -> list[Removal]:
    kept = dict(after.attrs)
    found = []
    for name, value in before.attrs:
        if name in kept and kept[name] == value:
            continue
        if name in URL_ATTRIBUTES or (name == "content" and before.name == "meta"):
            kind = "url"
        elif name == "style" or name in allow.css_attributes or _URL_FUNCTION.search(value):
            kind = "css"
        else:
            kind = "attribute"
        found.append(Removal(kind, name, before.name, _short(f'{name}="{value}"')))
    return found


def _diff(source: list[_Event], output: list[_Event], allow: Allowlist) -> list[Removal]:
    removed: list[Removal] = []
    open_removed: dict = {}          # elements reported removed whose end tag is still to come
    matcher = difflib.SequenceMatcher(None, [e.key() for e in source], [e.key() for e in output], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "insert"):    # an insertion is structure the parser implied (a <tbody>): nothing lost
            continue
        before, after = source[i1:i2], output[j1:j2]
        starts = [e for e in after if e.kind == "start"]
        kept_text = "".join(e.name for e in after if e.kind == "data")
        reported, covered = len(removed), False
        last_element = None
        for index, event in enumerate(before):
            if event.kind == "start":
                match = next((s for s in starts if s.name == event.name), None)
                if match is not None:
                    starts.remove(match)
                    removed += _attribute_removals(event, match, allow)
                    last_element = None
                else:
                    following = before[index + 1].raw if index + 1 < len(before) and before[index + 1].kind == "data" else ""
                    last_element = Removal("element", event.name, excerpt=_short(event.raw + following))
                    removed.append(last_element)
                    if event.name not in VOID:
                        open_removed[event.name] = open_removed.get(event.name, 0) + 1
            elif event.kind == "end":
                if event.stray:
                    removed.append(Removal("end-tag", event.name))
                elif open_removed.get(event.name):      # the end of an element already reported
                    open_removed[event.name] -= 1
                    covered = True
            elif event.kind == "data":
                if event.name.strip() and event.name.strip() in kept_text:
                    continue
                if (last_element and event.raw and event.raw in last_element.excerpt) \
                        or (last_element and event.parent == last_element.name):
                    continue
                if not event.name.strip():
                    continue
                kind = "css" if event.parent == "style" else "text"
                removed.append(Removal(kind, "<style>" if kind == "css" else "", event.parent, _short(event.name)))
            elif event.kind == "comment":
                removed.append(Removal("comment", "comment", excerpt=_short(event.raw)))
            else:
                removed.append(Removal("declaration", "declaration", excerpt=_short(event.raw)))
        if len(removed) == reported and not covered:   # nothing removed, yet a browser would read it differently
            removed.append(Removal("changed", "", excerpt=_short("".join(e.raw for e in before)) + " → " +
                                   _short("".join(e.raw for e in after))))
    return removed


# --- A fast answer for the usual case: nothing removed. -------------------------------------------
# Reading a page into events with Python's parser costs about 0.2 s per diagram page; nh3 takes a
# few milliseconds. So the input is first normalized by nh3 itself with a policy that keeps every
# element and attribute it contains (html5ever's parse and serialization, nothing else). If the
# sanitized output equals that, and the normalization lost nothing (the same tags, end tags,
# attributes and comments, counted in the raw input), nothing was removed; otherwise the slow,
# exact comparison runs and names each removal.



def _counts(text: str) -> dict:
    """Start tags, end tags, attributes per element, comments and declarations, counted."""
    counts: dict = {}

    def add(key):
        counts[key] = counts.get(key, 0) + 1
    for match in _TAG.finditer(text):
        closing, name, body, comment = match.groups()
        if name is None:
            add(("comment",) if comment is not None else ("declaration",))
            continue
        name = name.lower()
        if closing:
            add(("end", name))
            continue
        add(("start", name))
        body = body.rstrip()
        if body.endswith("/") and name not in VOID:
            add(("end", name))
        for attribute in _ATTRIBUTE.finditer(body.rstrip("/")):
            add(("attribute", name, attribute.group(1).lower()))
    return counts


def _normalized(html: str, counts: dict, allow: Allowlist) -> str:
    """The input as html5ever writes it, every element and attribute kept. A URL of a scheme the
    hub does not allow is dropped here too, and the counts then differ: the slow path reports it."""
    names = {key[1] for key in counts if key[0] == "start"}
    tags = names | {SVG_TAGS.get(name, name) for name in names}
    return nh3.clean(html, tags=tags, clean_content_tags=set(), generic_attribute_prefixes={""},
                     url_schemes=set(allow.url_schemes), strip_comments=False, link_rel=None)


def sanitize(html: str, allow: Allowlist | None = None) -> tuple[str, list[Removal]]:
    """(clean HTML, what was removed). An empty list means the output reads exactly as the input."""
    allow = allow or load()
    output = clean(html, allow)
    counts = _counts(html)
    normalized = _normalized(html, counts, allow)
    if output == normalized and counts == _counts(normalized):
        return output, []
    # Something may have changed: name it. Compared with the input as written first (the report
    # then quotes the source); if that finds nothing but nh3 did drop something, with the input as
    # the browser's parser reads it (Python's parser and html5ever disagree on broken markup).
    result = _Events(output).events
    removed = _diff(_Events(html).events, result, allow)
    if not removed and output != normalized:
        removed = _diff(_Events(normalized).events, result, allow) or [Removal("changed", "", excerpt=_short(html))]
    return output, removed


# --- Where in the Markdown ----------------------------------------------------------------------

def _needles(removal: Removal) -> list[str]:
    """What to look for in the Markdown, most specific first."""
    needles = []
    if removal.kind in ("url", "attribute", "css") and "=" in removal.excerpt:
        # The whole name="value" first: a value alone (alert(1)) may sit on an earlier line.
        value = removal.excerpt.split("=", 1)[1].strip('"').rstrip("…")
        needles += [removal.excerpt.rstrip("…"), value, value[:40]]
    if removal.kind == "element":
        tag = removal.excerpt.split(">", 1)[0].rstrip("…")
        needles.append(tag)
        # Markdown writes an image or a link its own way: find it by the values it carries.
        needles += [v for v in re.findall(r'="([^"]{6,})"', tag)]
        needles.append(f"<{removal.name}")
    elif removal.kind == "end-tag":
        needles.append(f"</{removal.name}")
    elif removal.kind in ("attribute", "css", "url") and removal.name != "<style>":
        needles += [f"{removal.name}=", removal.name]
    elif removal.excerpt:
        needles.append(removal.excerpt.rstrip("…")[:40])
    return [n.strip().lower() for n in needles if n and n.strip()]


def _forms(line: str) -> list[str]:
    """A source line as written, with entities decoded, and with its %-escapes decoded."""
    from urllib.parse import unquote
    decoded = htmlmod.unescape(line)
    return [line.lower(), decoded.lower(), unquote(decoded).lower(), re.sub(r"[\s\x00-\x1f]", "", decoded).lower()]


def source_line(removal: Removal, markdown: str, after: int = 0) -> int | None:
    """The line (1-based) of `markdown` that most likely produced `removal`, or None. The most
    specific clue wins: the removed value, then the element or attribute name. `after` skips the
    lines before it, for a second removal of the same kind."""
    lines = markdown.split("\n")
    for needle in _needles(removal):
        for number, line in enumerate(lines[after:], start=after + 1):
            if any(needle in form for form in _forms(line)):
                return number
    # A reference-style link: the URL is on its definition line ([id]: javascript:...).
    if removal.kind == "url":
        for number, line in enumerate(lines, start=1):
            if re.match(r"\s{0,3}\[[^\]]+\]:\s*\S", line) and not re.search(r"^\s*\[[^\]]+\]:\s*(https?:|#|\.|/|[\w-]+\.md)", line):
                return number
    return None


# --- The allowlist, derived from built HTML -----------------------------------------------------

# The HTML standard's case adjustments for SVG in HTML ("adjust SVG attributes" and the tag name
# table of "any other start tag" in foreign content): a browser, and ammonia, turn viewbox into
# viewBox. The built site is minified to lower case, so the names are restored from here.
SVG_TAGS = {name.lower(): name for name in (
    "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath feBlend "
    "feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap "
    "feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge "
    "feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence "
    "foreignObject glyphRef linearGradient radialGradient textPath").split()}
SVG_ATTRIBUTES = {name.lower(): name for name in (
    "attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits diffuseConstant edgeMode "
    "filterUnits glyphRef gradientTransform gradientUnits kernelMatrix kernelUnitLength keyPoints keySplines "
    "keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits "
    "numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX pointsAtY pointsAtZ "
    "preserveAlpha preserveAspectRatio primitiveUnits refX refY repeatCount repeatDur requiredExtensions "
    "requiredFeatures specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles "
    "surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget xChannelSelector "
    "yChannelSelector zoomAndPan").split()}


class _Inventory(HTMLParser):
    """Elements, attributes, URL schemes and style properties of some HTML, named as ammonia
    matches them: SVG's mixed case, and a namespaced attribute by its local name (xml:space)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.schemes, self.properties = set(), {}, set(), set()
        self.svg = 0

    def handle_starttag(self, tag, attrs):
        svg = self.svg or tag == "svg"
        name = SVG_TAGS.get(tag, tag) if svg else tag
        self.tags.add(name)
        names = self.attributes.setdefault(name, set())
        for attribute, value in attrs:
            local = attribute.split(":", 1)[1] if ":" in attribute else attribute
            names.add(SVG_ATTRIBUTES.get(local, local) if svg else local)
            if attribute in URL_ATTRIBUTES and value:
                scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                if scheme:
                    self.schemes.add(scheme.group(1).lower())
            if attribute == "style" and value:
                self.properties.update(d.split(":", 1)[0].strip().lower() for d in value.split(";") if ":" in d)
        if tag == "svg":
            self.svg += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.svg -= 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.svg:
            self.svg -= 1

    def allowlist(self) -> dict:
        return {"tags": sorted(self.tags),
                "attributes": {t: sorted(names) for t, names in sorted(self.attributes.items()) if names},
                "url_schemes": sorted(self.schemes), "style_properties": sorted(self.properties)}


def inventory(fragments) -> dict:
    """What the given HTML fragments use: tags, attributes per tag, URL schemes, style properties."""
    found = _Inventory()
    for fragment in fragments:
        found.feed(fragment)
        found.close()
        found.reset()
    return found.allowlist()


class _Article(HTMLParser):
    """The inner HTML of a built page's <article>, found by the parser (not by searching text)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.depth, self.start, self.end = text, 0, None, None
        self.lines = [0]
        for line in text.split("\n"):
            self.lines.append(self.lines[-1] + len(line) + 1)
        self.feed(text)

    def _offset(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            if self.depth == 0 and self.start is None:
                self.start = self._offset() + len(self.get_starttag_text())
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.end is None:
                self.end = self._offset()


def article(page_html: str) -> str | None:
    found = _Article(page_html)
    return page_html[found.start:found.end] if found.start is not None and found.end is not None else None


def main(argv=None) -> int:
    """python -m nexus.sanitize SITE: print what the built site's articles use, as YAML."""
    import argparse
    import sys
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    fragments = [a for a in (article(p.read_text(encoding="utf-8")) for p in sorted(args.site.rglob("*.html"))) if a]
    yaml.safe_dump(inventory(fragments), sys.stdout, sort_keys=False, allow_unicode=True, width=110)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
