"""My learning's data after the build: the page key of each page's reader tools, and the index
My learning reads (docs/my-learning.md's `data-index`).

The key a reader's data is stored under is the page's source path (tech/django.md), the same
since the first release, so nothing a reader saved is lost. It is filled in here from where the
page was built, because not every engine gives templates the source path. The index lists, in
navigation order, each page that has ticks or questions: its title, section, tick keys (as 32-bit
FNV-1a hashes, which extra.js computes the same, a fifth of the bytes of the slugs) and self-check
ids, so the browser only counts; the build lists.
"""
import json
import re
from html import unescape

from nexus import config, frontmatter

# The template writes data-page="" (HTML minification may shorten it to a bare attribute).
TOOLS = re.compile(r'(<div class="nexus-tools") data-page(?:="")?(?=[ >])')
NOTES = re.compile(r'<details class="nexus-notes">.*?</details>', re.S)
TICK = re.compile(r'data-tick="([^"]+)"')
QUESTION = re.compile(r'<fieldset class="nexus-q"[^>]*? data-q="([^"]+)"')
PAGE = "my-learning.md"
# The placeholder in docs/my-learning.md: an empty JSON object, which HTML minification keeps as it is.
MARKER = 'data-index="{}"'


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


def run(site):
    index = {}
    for entry in config.nav(site.root):
        path = site.folder / (entry.src.removesuffix(".md") + ".html" if site.offline else config.html_path(entry.src))
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        keyed, found = TOOLS.subn(rf'\1 data-page="{entry.src}"', text, count=1)
        if found and "/" not in entry.src:   # notes belong to study pages, which sit in a folder
            keyed = NOTES.sub("", keyed, count=1)
        if keyed != text:
            path.write_text(keyed, encoding="utf-8")
        ticks, questions = TICK.findall(keyed), QUESTION.findall(keyed)
        if ticks or questions:   # the URL is not listed: extra.js derives it from the source path
            source = site.root / "docs" / entry.src
            meta = frontmatter.load(source.read_text(encoding="utf-8")) if source.is_file() else {}
            item = {"t": str(meta.get("title", entry.src)), "s": entry.section}
            if ticks:
                item["k"] = [fnv(unescape(k)) for k in ticks]
            if questions:
                item["q"] = questions
            index[entry.src] = item
    target = site.folder / (PAGE.removesuffix(".md") + (".html" if site.offline else "/index.html"))
    if not target.is_file():
        site.problem(f"docs/{PAGE}", "My learning was not built", "learning")
        return
    html = target.read_text(encoding="utf-8")
    if MARKER not in html:
        site.problem(f"docs/{PAGE}", f"no {MARKER} placeholder for My learning's index", "learning")
        return
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    target.write_text(html.replace(MARKER, f"data-index='{data}'", 1), encoding="utf-8")   # JSON's " need no escape
