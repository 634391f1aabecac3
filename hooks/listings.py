"""Generate listings from front matter, so index pages are never maintained by hand.

- `<!-- listing: section -->` in a folder's index.md becomes a list of that folder's pages
  (title and description), in navigation order.
- `<!-- listing: challenges -->` becomes the challenge table, filterable by the technologies
  each challenge page declares in its front matter.
Front matter is read once per build (on_files) and the nav order once (on_nav).
"""
import sys
from html import escape
from pathlib import Path
from posixpath import dirname

import yaml

from nexus import frontmatter

SECTION = "<!-- listing: section -->"
CHALLENGES = "<!-- listing: challenges -->"
_meta = {}
_order = []


def on_files(files, config):
    _meta.clear()
    for file in files.documentation_pages():
        try:
            _meta[file.src_uri] = frontmatter.load(file.content_string)
        except yaml.YAMLError:   # the page check reports it with its line; list the page untitled
            _meta[file.src_uri] = {}
    return files


def on_nav(nav, config, files):
    _order[:] = [page.file.src_uri for page in nav.pages]
    return nav


def _siblings(index_uri):
    folder = dirname(index_uri)
    return [uri for uri in _order if dirname(uri) == folder and uri != index_uri]


def on_page_markdown(markdown, page, **kwargs):
    uri = page.file.src_uri
    if SECTION in markdown:
        markdown = markdown.replace(SECTION, _section_list(uri))
    if CHALLENGES in markdown:
        markdown = markdown.replace(CHALLENGES, _challenge_table(uri))
    return markdown


def _section_list(index_uri):
    lines = []
    for uri in _siblings(index_uri):
        meta = _meta.get(uri, {})
        lines.append(f"- [{meta.get('title', uri)}]({uri.rsplit('/', 1)[-1]}): {meta.get('description', '')}")
    return "\n".join(lines)


def _challenge_table(index_uri):
    rows = [(_meta[uri], uri.rsplit("/", 1)[-1]) for uri in _siblings(index_uri)]
    techs = sorted({t for meta, _ in rows for t in meta.get("technologies", [])})
    options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in techs)
    lines = [
        '<div class="nexus-filter">',
        '<label for="challenge-filter">Filter by technology</label>',
        '<select id="challenge-filter" data-filter-table="challenge-table">'
        f'<option value="">All technologies</option>{options}</select>',
        f'<p class="nexus-filter__count" aria-live="polite">{len(rows)} challenges</p>',
        "</div>",
        "",
        '<div id="challenge-table" markdown>',
        "",
        "| Challenge | What fixes it | Technologies |",
        "| --- | --- | --- |",
    ]
    for meta, name in rows:
        techs_cell = " ".join(f"`{t}`" for t in meta.get("technologies", []))
        lines.append(f"| [{meta.get('title', name)}]({name}) | {meta.get('description', '')} | {techs_cell} |")
    lines += ["", "</div>"]
    return "\n".join(lines)
