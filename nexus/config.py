"""mkdocs.yml as data for the hub's own steps, the same under every engine: the navigation in
order (with each page's section) and the page-to-URL rule. Read from the node tree, so MkDocs'
own tags (!ENV, !!python/name) need no constructor and no engine has to be importable."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import yamlio


@dataclass(frozen=True)
class NavEntry:
    src: str          # docs-relative source path, e.g. tech/django.md
    section: str      # the title of the top-level nav section it sits in ("" at the top level)


def url_of(src: str) -> str:
    """The one page-to-URL rule (directory URLs): tech/django.md -> tech/django/, tech/index.md -> tech/."""
    return re.sub(r"(^|/)index\.md$", r"\1", src).removesuffix(".md") + ("/" if not src.endswith("index.md") else "")


def html_path(src: str) -> str:
    """Where the built page lands in the site folder: tech/django.md -> tech/django/index.html."""
    return url_of(src) + "index.html"


def _mapping(node) -> dict:
    return {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


@lru_cache(maxsize=8)
def _nav(path: str, stamp: float) -> tuple[NavEntry, ...]:
    node = yamlio.compose(Path(path).read_text(encoding="utf-8"))
    out = []

    def walk(item, section, top):
        if isinstance(item, yaml.ScalarNode) and item.value.endswith(".md"):
            out.append(NavEntry(item.value, section))
        elif isinstance(item, yaml.SequenceNode):
            for child in item.value:
                walk(child, section, top)
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                nested = isinstance(value, yaml.SequenceNode)
                walk(value, key.value if nested and top else section, top and not nested)

    walk(_mapping(node).get("nav"), "", True)
    return tuple(out)


def nav(root: Path) -> tuple[NavEntry, ...]:
    """The pages in navigation order, each with its section."""
    path = root / "mkdocs.yml"
    return _nav(str(path), path.stat().st_mtime)


def site_url(root: Path) -> str:
    """site_url as the build sees it: MkDocs' `!ENV [SITE_URL, default]` resolved from the
    environment, or the value written in mkdocs.yml."""
    import os
    node = _mapping(yamlio.compose((root / "mkdocs.yml").read_text(encoding="utf-8"))).get("site_url")
    if isinstance(node, yaml.SequenceNode):   # !ENV [NAME, ..., default]
        *names, default = [item.value for item in node.value]
        return next((os.environ[name] for name in names if name in os.environ), default)
    if node is not None and node.tag == "!ENV":
        return os.environ.get(node.value, "")
    return node.value if node is not None else ""
