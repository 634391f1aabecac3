"""A page's front matter: the one parser that checks, hooks and scripts use.

MkDocs reads front matter with its own `get_data`, which drops a page's front matter silently when
the YAML is invalid; the hub needs the line where the YAML starts and the body begins, and dates
that stay strings when they are impossible, so the schema can report them.
"""
import yaml

from . import yamlio


class Loader(yaml.SafeLoader):
    """Safe YAML, except that an impossible date (2026-13-45) stays a string for the schema to report."""


class FastLoader(yamlio.SafeLoader):
    """The same, through libyaml (nexus/yamlio.py)."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def parse(yaml_text: str):
    """The front matter's YAML (between the --- lines) as data; raises yaml.YAMLError when invalid."""
    return yamlio.load(yaml_text, fast=FastLoader, slow=Loader)


def split(text: str):
    """Return (yaml_text, body_start_line) or (None, 1) when the page has no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:i]), i + 2
    return None, 1


def load(text: str) -> dict:
    """The front matter as a mapping ({} when there is none); raises yaml.YAMLError when invalid."""
    yaml_text, _ = split(text)
    meta = parse(yaml_text) if yaml_text else None
    return meta if isinstance(meta, dict) else {}


def body(text: str) -> str:
    """The page without its front matter."""
    _, start = split(text)
    return "\n".join(text.split("\n")[start - 1:])
