"""The API reference pages, rendered at build time from the Job Board's OpenAPI contract.

`<!-- openapi: jobs -->` in a page becomes the reference of the operations tagged `jobs` in
examples/jobboard/contract/openapi.yaml (written by `make contract`, drift-checked by the
example's tests), with the schemas those operations use. The rendering is essentials-openapi's
(the library behind neoteroi-mkdocs' OAD plugin); this step only cuts the contract into one page
per resource, which that plugin can't do, and drops the parts every page would repeat.
"""
import posixpath
import re
from functools import cached_property

import yaml
from markdown.preprocessors import Preprocessor
from openapidocs.mk.v3 import OpenAPIV3DocumentationHandler

MARKER = re.compile(r"<!-- openapi: ([a-z-]+) -->")
CONTRACT = "examples/jobboard/contract/openapi.yaml"
LESSONS = "data/api_lessons.yml"
TEMPLATES = "overrides/openapi"   # our versions of three essentials-openapi partials


class Contract:
    """The contract and the lesson each operation links to, read once per build."""

    def __init__(self, root):
        self.root = root
        self.spec = yaml.safe_load((root / CONTRACT).read_text(encoding="utf-8"))
        self.lessons = yaml.safe_load((root / LESSONS).read_text(encoding="utf-8"))

    def refs(self, node, found):
        """Every component schema a node refers to, followed through the schemas themselves."""
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found:
                    found.add(name)
                    self.refs(self.spec["components"]["schemas"][name], found)
            for value in node.values():
                self.refs(value, found)
        elif isinstance(node, list):
            for value in node:
                self.refs(value, found)
        return found

    def resource(self, tag, page_uri, problem):
        """The contract cut down to one tag's operations and the schemas they use."""
        paths = {}
        for path, item in self.spec["paths"].items():
            ops = {}
            for method, op in item.items():
                if tag not in op.get("tags", []):
                    continue
                lesson = self.lessons.get(op["operationId"])
                if not lesson:
                    problem(f"{LESSONS}: no lesson for the operation {op['operationId']!r}")
                    lesson = {"title": "API conventions", "page": "api/index.md"}
                target = posixpath.relpath(lesson["page"], posixpath.dirname(page_uri))
                ops[method] = dict(op, **{"x-lesson": f"[{lesson['title']}]({target})"})
            if ops:
                paths[path] = ops
        if not paths:
            problem(f"<!-- openapi: {tag} -->: no operation in {CONTRACT} has the tag {tag!r}")
            return None
        schemas = self.refs(paths, set())
        components = dict(self.spec["components"],
                          schemas={k: v for k, v in self.spec["components"]["schemas"].items() if k in schemas})
        return {"openapi": self.spec["openapi"], "info": self.spec["info"], "paths": paths, "components": components}

    def render(self, tag, page_uri, problem) -> str:
        spec = self.resource(tag, page_uri, problem)
        if spec is None:
            return ""
        markdown = OpenAPIV3DocumentationHandler(spec, style="MKDOCS",
                                                 templates_path=str(self.root / TEMPLATES)).write()
        # Keep the operations and schemas; the title, servers and tag heading are the page's own.
        start = markdown.index('<hr class="operation-separator" />')
        endpoints, _, schemas = markdown[start:].partition("\n## Schemas")
        # The schemas repeat what each endpoint shows; keep them out of the search index, which
        # every reader who searches downloads (a heading marked data-search-exclude).
        schemas = re.sub(r"^(##+ .+)$", r"\1 { data-search-exclude }", "## Schemas" + schemas, flags=re.MULTILINE)
        return "## Endpoints\n\n" + endpoints + "\n" + schemas


class Reference(Preprocessor):
    def __init__(self, md, build):
        super().__init__(md)
        self.build = build

    @cached_property
    def contract(self) -> Contract:
        return self.build.contract

    def run(self, lines):
        text = "\n".join(lines)
        if not MARKER.search(text):
            return lines
        page = self.build.page(self.md)
        path = page.path if page else "api/index.md"
        problem = lambda message: self.build.problem(page, 1, message, "api-reference")  # noqa: E731
        return MARKER.sub(lambda match: self.contract.render(match.group(1), path, problem), text).split("\n")
