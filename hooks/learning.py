"""Stable keys for the reader's data, and the index "My learning" reads.

- Each checklist item gets `data-tick`: its explicit id (attr_list `{ #id }` on the line after
  the item) or a slug of its text. A reader's tick is stored under page + that key, so editing
  one item loses at most that item's tick and never moves a tick onto another item.
- docs/my-learning.md gets, in `data-index`, the title, section, tick keys and self-check ids
  of every page that has ticks or questions, so the browser only counts; the build lists. Tick keys go
  in as 32-bit FNV-1a hashes (extra.js computes the same), a fifth of the bytes of the slugs.
"""
import json
import re
import unicodedata
from html import escape, unescape

from mkdocs.exceptions import PluginError

TASK = re.compile(r'<li class="task-list-item"((?: [a-z-]+="[^"]*")*)>(.*?)(?=</li>|<ul|<ol|<p>|<div)', re.S)
ID = re.compile(r' id="([^"]+)"')
TAG = re.compile(r"<[^>]+>")
QUESTION = re.compile(r'<fieldset class="nexus-q" data-q="([^"]+)"')
PAGE = "my-learning.md"
# The placeholder in docs/my-learning.md: an empty JSON object, which HTML minification keeps as it is.
MARKER = 'data-index="{}"'
_index = {}
_order = []


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, at most 80 characters: the same text, the same key."""
    text = unicodedata.normalize("NFKC", unescape(TAG.sub("", text))).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-")[:80].strip("-") or "item"


def fnv(key: str) -> str:
    """FNV-1a over the key's UTF-8 bytes, in base 36: extra.js's fnv() gives the same."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    digits, out = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if not value:
            return out


def on_pre_build(config):
    _index.clear()


def on_nav(nav, **kwargs):
    _order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def on_page_content(html, page, **kwargs):
    seen = {}

    def keyed(match):
        attrs, body = match.groups()
        explicit = ID.search(attrs)
        key = explicit.group(1) if explicit else slug(body)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:            # two items with the same text: the later ones get -2, -3
            key = f"{key}-{seen[key]}"
        return f'<li class="task-list-item"{attrs} data-tick="{escape(key)}">{body}'

    html = TASK.sub(keyed, html)
    ticks = re.findall(r'data-tick="([^"]+)"', html)
    questions = QUESTION.findall(html)
    if ticks or questions:   # the URL is not listed: extra.js derives it from the source path
        entry = {"t": page.title, "s": page.ancestors[-1].title if page.ancestors else ""}
        if ticks:
            entry["k"] = [fnv(unescape(k)) for k in ticks]
        if questions:
            entry["q"] = questions
        _index[page.file.src_uri] = entry
    return html


def on_post_page(output, page, **kwargs):
    if page.file.src_uri != PAGE:
        return output
    ordered = {uri: _index[uri] for uri in _order if uri in _index}   # nav order, as the reader knows it
    data = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    if MARKER not in output:
        raise PluginError(f"docs/{PAGE}: no {MARKER} placeholder for My learning's index")
    return output.replace(MARKER, f"data-index='{data}'", 1)   # single quotes: JSON's " need no escape
