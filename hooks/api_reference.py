"""The API reference pages, rendered at build time from the Job Board's OpenAPI contract.

`<!-- openapi: jobs -->` in a page becomes the reference of the operations tagged `jobs` in
examples/jobboard/contract/openapi.yaml (written by `make contract`, drift-checked by the
example's tests), with the schemas those operations use. The rendering is essentials-openapi's
(the library behind neoteroi-mkdocs' OAD plugin); this hook only cuts the contract into one page
per resource, which that plugin can't do, and drops the parts every page would repeat.
"""
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from openapidocs.mk.v3 import OpenAPIV3DocumentationHandler

MARKER = re.compile(r"<!-- openapi: ([a-z-]+) -->")
CONTRACT = "examples/jobboard/contract/openapi.yaml"
LESSONS = "data/api_lessons.yml"
TEMPLATES = "overrides/openapi"   # our versions of three essentials-openapi partials
_contract = {}
_lessons = {}
_root = []


def on_config(config):
    root = Path(config.config_file_path).parent
    _root[:] = [root]
    _contract.clear()
    _contract.update(yaml.safe_load((root / CONTRACT).read_text(encoding="utf-8")))
    _lessons.clear()
    _lessons.update(yaml.safe_load((root / LESSONS).read_text(encoding="utf-8")))
    config.watch += [str(root / CONTRACT), str(root / LESSONS)]
    return config


def _refs(node, found):
    """Every component schema a node refers to, followed through the schemas themselves."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in found:
                found.add(name)
                _refs(_contract["components"]["schemas"][name], found)
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def _with_lesson(op: dict, page_uri: str) -> dict:
    lesson = _lessons.get(op["operationId"])
    if not lesson:
        raise PluginError(f"{LESSONS}: no lesson for the operation {op['operationId']!r}")
    target = posixpath.relpath(lesson["page"], posixpath.dirname(page_uri))
    return dict(op, **{"x-lesson": f"[{lesson['title']}]({target})"})


def resource(tag: str, page_uri: str = "api/index.md") -> dict:
    """The contract cut down to one tag's operations and the schemas they use."""
    paths = {}
    for path, item in _contract["paths"].items():
        ops = {method: _with_lesson(op, page_uri) for method, op in item.items() if tag in op.get("tags", [])}
        if ops:
            paths[path] = ops
    if not paths:
        raise PluginError(f"<!-- openapi: {tag} -->: no operation in {CONTRACT} has the tag {tag!r}")
    schemas = _refs(paths, set())
    components = dict(_contract["components"],
                      schemas={k: v for k, v in _contract["components"]["schemas"].items() if k in schemas})
    return {"openapi": _contract["openapi"], "info": _contract["info"], "paths": paths, "components": components}


def render(tag: str, page_uri: str) -> str:
    markdown = OpenAPIV3DocumentationHandler(resource(tag, page_uri), style="MKDOCS",
                                             templates_path=str(_root[0] / TEMPLATES)).write()
    # Keep the operations and schemas; the title, servers and tag heading are the page's own.
    start = markdown.index('<hr class="operation-separator" />')
    endpoints, _, schemas = markdown[start:].partition("\n## Schemas")
    # The schemas repeat what each endpoint shows; keep them out of the search index, which
    # every reader who searches downloads (Material reads data-search-exclude on a heading).
    schemas = re.sub(r"^(##+ .+)$", r"\1 { data-search-exclude }", "## Schemas" + schemas, flags=re.MULTILINE)
    return "## Endpoints\n\n" + endpoints + "\n" + schemas


def on_page_markdown(markdown, page, **kwargs):
    return MARKER.sub(lambda match: render(match.group(1), page.file.src_uri), markdown)
