"""The HTML sanitizer (nexus/sanitize.py) and its allowlist (data/html_allowlist.yml).

- The allowlist is exactly what the hub's rendered articles use: the built site's <article>s and
  tests/security/features.md (every Markdown feature mkdocs.yml enables), nothing more or less.
- Sanitizing every built article, and the feature page, changes nothing.
- Each payload in tests/security/payloads.yml, rendered with the hub's Markdown configuration,
  loses what its entry expects, the report points at its source line, and what is left uses
  nothing outside the allowlist.
"""
import os
import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from nexus import ROOT, sanitize

PAYLOADS = yaml.safe_load((ROOT / "tests/security/payloads.yml").read_text(encoding="utf-8"))
ALLOWLIST = yaml.safe_load((ROOT / "data/html_allowlist.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _config():
    from mkdocs.config import load_config
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(ROOT / "mkdocs.yml"))


def render(text: str) -> str:
    """Markdown as the hub renders it (its extensions and their settings; raw HTML passes through)."""
    config = _config()
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    # The HTML as it reaches the sanitizer, the last page step (the build's own use of it:
    # tests/test_faults.py).
    md.postprocessors.deregister("nexus_sanitize")
    # And diagrams stay the <pre class="mermaid"> left for the browser where no Chromium runs.
    md.postprocessors.deregister("nexus_diagrams")
    return md.convert(text)


@pytest.fixture(scope="module")
def articles(site):
    found = {}
    for path in sorted(site.rglob("*.html")):
        inner = sanitize.article(path.read_text(encoding="utf-8"))
        if inner is not None:
            found[path.relative_to(site).as_posix()] = inner
    assert len(found) > 100
    return found


def test_the_allowlist_is_exactly_what_the_hub_uses(articles):
    used = sanitize.inventory(list(articles.values()) + [render((ROOT / "tests/security/features.md").read_text())])
    assert sorted(ALLOWLIST["tags"]) == used["tags"]
    assert {t: sorted(a) for t, a in ALLOWLIST["attributes"].items()} == used["attributes"]
    assert sorted(ALLOWLIST["url_schemes"]) == used["url_schemes"]
    assert sorted(ALLOWLIST["css"]["properties"]) == used["style_properties"]
    for tag, spec in ALLOWLIST["attribute_values"].items():
        assert set(spec) <= set(ALLOWLIST["attributes"][tag]), tag


def test_sanitizing_every_built_article_changes_nothing(articles):
    changed = {page: [str(r) for r in removed] for page, html in articles.items()
               for _, removed in [sanitize.sanitize(html)] if removed}
    assert not changed, changed


def test_the_exact_comparison_agrees_on_the_largest_articles(articles):
    """sanitize() answers "nothing removed" from a quick comparison; the exact, event by event one
    must agree on real pages (the largest carry the most diagram SVG)."""
    for page in sorted(articles, key=lambda p: -len(articles[p]))[:4]:
        html = articles[page]
        events = sanitize._Events(html).events
        assert sanitize._diff(events, sanitize._Events(sanitize.clean(html)).events, sanitize.load()) == [], page


def test_every_feature_the_hub_enables_survives():
    html = render((ROOT / "tests/security/features.md").read_text())
    clean, removed = sanitize.sanitize(html)
    assert removed == [], [str(r) for r in removed]
    for marker in ('class="footnote"', 'class="tabbed-set', 'class="highlighttable"', "<details", 'class="task-list',
                   "<abbr", 'class="twemoji"', "<kbd", "<mark", 'style="text-align: center;"', 'class="admonition'):
        assert marker in clean, marker


class _Used(HTMLParser):
    """What sanitized HTML still contains that could run or load something."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.problems, self.svg, self.style = [], 0, False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.svg += tag == "svg"
        self.style = tag == "style"
        if tag == "style" and not self.svg:
            self.problems.append("<style> outside an SVG")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("formaction", "action", "srcdoc", "autofocus"):
                self.problems.append(f"{tag} {name}")
            plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in sanitize.URL_ATTRIBUTES and re.match(r"[a-z][a-z0-9+.-]*:", plain) and \
                    not plain.startswith(("http:", "https:")):
                self.problems.append(f"{tag} {name}={value}")
            if (name == "style" or name in ALLOWLIST["css"]["attributes"]) and \
                    re.search(r"url\(\s*['\"]?(?!#)|expression|@import|\\", value, re.I):
                self.problems.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        self.svg -= tag == "svg" and self.svg > 0
        self.style = False

    def handle_data(self, data):
        if re.search(r"@import|url\(\s*['\"]?(?!#)|expression\(", data) and self.style:
            self.problems.append(f"CSS {data[:40]}")


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_each_payload_loses_what_it_should_and_the_report_names_its_line(payload):
    page = "---\ntitle: A page\n---\n\n"          # the payload starts on line 5 of its page
    text = page + payload["markdown"]
    clean, removed = sanitize.sanitize(render(payload["markdown"]))
    found = {(r.kind, r.name) for r in removed}
    for expected in payload["expect"]:
        assert (expected["kind"], expected["name"]) in found, [str(r) for r in removed]
    assert all(r.kind not in ("changed", "text") for r in removed), [str(r) for r in removed]
    lines = {sanitize.source_line(r, text) for r in removed}
    assert lines == {payload["line"] + page.count("\n")}, ([str(r) for r in removed], lines)
    # What is left runs nothing and loads nothing, and stays inside the allowlist.
    assert _Used(clean).problems == []
    left = sanitize.inventory([clean])
    assert set(left["tags"]) <= set(ALLOWLIST["tags"])
    for tag, names in left["attributes"].items():
        assert set(names) <= set(ALLOWLIST["attributes"][tag]), tag
    # Sanitizing again changes nothing: the output is a fixed point.
    assert sanitize.sanitize(clean) == (clean, [])


def test_the_corpus_covers_every_class_of_the_issue():
    classes = " | ".join(p["class"] for p in PAYLOADS)
    for name in ("raw script", "event handler", "javascript link", "entity-encoded", "reference-style", "vbscript",
                 "data link", "meta refresh", "external stylesheet", "external image", "form", "iframe", "frames",
                 "object", "embed", "SVG with script", "foreignObject", "SVG with an event handler",
                 "</article> smuggling", "CSS expression", "CSS url trick", "base tag"):
        assert name in classes, name
    assert len(PAYLOADS) >= 30 and len({p["id"] for p in PAYLOADS}) == len(PAYLOADS)


def test_a_removal_reads_as_a_build_message():
    removed = sanitize.sanitize('<p onclick="go()">x</p><script>alert(1)</script></article><a href="javascript:x">y</a>')[1]
    assert [str(r) for r in removed] == [
        'removed onclick= on <p>: onclick="go()"', "removed <script>: <script>alert(1)", "removed a stray </article>",
        'removed href= on <a> (a URL the hub does not allow): href="javascript:x"']


def test_the_source_line_of_a_second_removal_can_be_found_after_the_first():
    text = "<p onclick=a>one</p>\n\nok\n\n<p onclick=b>two</p>\n"
    first, second = sanitize.sanitize(render(text))[1]
    assert sanitize.source_line(first, text) == 1
    assert sanitize.source_line(second, text) == 5
    assert sanitize.source_line(second, text, after=1) == 5


def _as_a_browser_reads(html: str) -> str:
    """html parsed again by html5ever (the HTML standard's parser, as in a browser), nothing removed."""
    return sanitize._normalized(html, sanitize._counts(html), sanitize.load())


def test_broken_markup_never_gets_past_the_sanitizer():
    """Random broken markup from pieces that confuse parsers (raw-text ends such as </style=, CDATA,
    comments, nested foreign content): what comes out, read again as a browser reads it, holds
    nothing outside the allowlist, and any change is reported."""
    import random
    pieces = ["<", ">", "</", "/>", "<svg>", "</svg>", "<style>", "</style>", "</style=", "<a href=", '"', "'", "javascript:",
              "&#", "&#106;", "<!--", "-->", "<script>", "</article>", "<p>", "=", " ", "x", "\n", "\x00", "é", "<![CDATA[",
              "<?x", "<!x>", "<math>", "<foreignObject>", "<img src=x onerror=alert(1)>", "<noscript>", "<textarea>",
              "</textarea>", "<title>", "<table>", "<select>", "<option>", "style=", "url(", "@import", "<rect fill=",
              "<div ", "onload=", "\t", "&lt;", "&gt;"]
    allow = sanitize.load()
    rng = random.Random(26)
    for _ in range(1500):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        clean, removed = sanitize.sanitize(html)
        read = _as_a_browser_reads(clean)
        assert _Used(read).problems == [], (html, clean)
        left = sanitize.inventory([read])
        assert set(left["tags"]) <= allow.tags, (html, clean)
        assert all(set(names) <= allow.attributes.get(tag, set()) for tag, names in left["attributes"].items()), html
        if clean != _as_a_browser_reads(html):
            assert removed, html            # never a silent change


def test_a_removal_is_placed_on_its_own_line_when_its_value_appears_earlier():
    """A handler's value (alert(1)) on an earlier line must not take the report there."""
    text = "<script>alert(1)</script>\n\n<span onmouseover=\"alert(1)\">hover</span>\n"
    removed = sanitize.sanitize(render(text))[1]
    lines = {str(r).split(":")[0]: sanitize.source_line(r, text) for r in removed}
    assert lines == {"removed <script>": 1, "removed onmouseover= on <span>": 3}, lines
