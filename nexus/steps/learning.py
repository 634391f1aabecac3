"""Stable keys for the reader's ticks: each checklist item gets `data-tick`, its explicit id
(attr_list `{ #id }` on the line after the item) or a slug of its text. A reader's tick is stored
under page + that key, so editing one item loses at most that item's tick and never moves a tick
onto another item. The index My learning reads is made after the build (nexus.site.learning)."""
import re
import unicodedata
from html import escape, unescape

from markdown.postprocessors import Postprocessor

TASK = re.compile(r'<li class="task-list-item"((?: [a-z-]+="[^"]*")*)>(.*?)(?=</li>|<ul|<ol|<p>|<div)', re.S)
ID = re.compile(r' id="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, at most 80 characters: the same text, the same key."""
    text = unicodedata.normalize("NFKC", unescape(TAG.sub("", text))).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-")[:80].strip("-") or "item"


def keyed(html: str) -> str:
    seen = {}

    def key(match):
        attrs, body = match.groups()
        explicit = ID.search(attrs)
        name = explicit.group(1) if explicit else slug(body)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:            # two items with the same text: the later ones get -2, -3
            name = f"{name}-{seen[name]}"
        return f'<li class="task-list-item"{attrs} data-tick="{escape(name)}">{body}'

    return TASK.sub(key, html)


class TickKeys(Postprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    def run(self, text):
        return keyed(text) if "task-list-item" in text else text
