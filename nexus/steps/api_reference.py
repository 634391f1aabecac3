"""The API reference pages, rendered at build time from the Job Board's OpenAPI contract.

`<!-- openapi: jobs -->` in a page becomes the reference of the operations tagged `jobs` in
examples/jobboard/contract/openapi.yaml (written by `make contract`, drift-checked by the
example's tests), with the schemas those operations use. The rendering is essentials-openapi's
(the library behind neoteroi-mkdocs' OAD plugin) with our templates (overrides/openapi/); this
step cuts the contract into one page per resource, which that plugin can't do, and drops the
parts every page would repeat.

Rendered for phones (a page's cost is its elements: style and layout on a slow CPU, issue 27):
each operation's responses are one table, each row linking to its body's schema, which the page
shows once, as a table, under Schemas; the recorded examples are the only code, highlighted at
build time without Pygments' whitespace and punctuation spans, and all but the first response's
are in one <details> per operation. No tabs, no JSON copies of the schemas.
"""
import json
import posixpath
import re
from functools import cached_property
from html import escape

from markdown.preprocessors import Preprocessor
from openapidocs.mk import get_http_status_phrase
from openapidocs.mk.jinja import Jinja2DocumentsWriter, OutputStyle
from openapidocs.mk.v3 import OpenAPIV3DocumentationHandler

from nexus import yamlio

MARKER = re.compile(r"<!-- openapi: ([a-z-]+) -->")
CONTRACT = "examples/jobboard/contract/openapi.yaml"
LESSONS = "data/api_lessons.yml"
TEMPLATES = "overrides/openapi"   # our versions of essentials-openapi's partials


# JSON tokens, highlighted with the classes Pygments' JSON lexer uses (so the theme's colours apply):
# keys, strings, numbers and literals get a span; punctuation and white space stay plain text.
JSON_TOKEN = re.compile(r'(?P<nt>"(?:[^"\\]|\\.)*"(?=:))|(?P<s2>"(?:[^"\\]|\\.)*")'
                        r"|(?P<mf>-?\d+\.\d+(?:[eE][+-]?\d+)?)|(?P<mi>-?\d+)|(?P<kc>true|false|null)")


def json_html(value) -> str:
    """A recorded example as a highlighted code block (HTML): about 2 elements a line, where
    Pygments' JSON lexer makes 6 (a span for each indent, space, colon and comma)."""
    text = json.dumps(value, indent=4, ensure_ascii=False)
    out, end = [], 0
    for match in JSON_TOKEN.finditer(text):
        out.append(escape(text[end:match.start()], quote=False))
        out.append(f'<span class="{match.lastgroup}">{escape(match.group(), quote=False)}</span>')
        end = match.end()
    out.append(escape(text[end:], quote=False))
    return f'<div class="language-json highlight"><pre><code>{"".join(out)}</code></pre></div>'


def examples(content: dict) -> list:
    """(summary, value) of each recorded example of a request or response body (any content
    type; the contract records JSON). Examples the library would generate from the schema are
    never shown: every example on the page is a real response recorded by the tests."""
    found = []
    for media in (content or {}).values():
        for name, example in (media.get("examples") or {}).items():
            if "value" in example:
                found.append((example.get("summary") or name, example["value"]))
        if "example" in media:
            found.append(("", media["example"]))
        if found:
            break
    return found


def schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _cell(text) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def type_md(schema: dict) -> str:
    """A schema's type in a few words (Markdown): a link to a named schema, the scalar type and
    format, "array of ...", the enum values."""
    if not schema:
        return "any"
    if "$ref" in schema:
        name = schema_name(schema["$ref"])
        # A cross-reference to the page's Schemas section, which the search index leaves out: the
        # name is searchable where the API index explains it, not in every table row that uses it.
        return f"[{name}](#{name.lower().replace('.', '')}){{ data-search-exclude }}"
    for combiner, word in (("allOf", " and "), ("oneOf", " or "), ("anyOf", " or ")):
        if combiner in schema:
            return word.join(dict.fromkeys(type_md(part) for part in schema[combiner]))
    kind = schema.get("type", "object")
    if kind == "array":
        return f"array of {type_md(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if kind == "object" and schema.get("additionalProperties") is not None and "properties" not in schema:
        return "object (any keys)"
    return f"{kind} ({schema['format']})" if "format" in schema else kind


ENUM_DESCRIPTION = re.compile(r"^(\* `[^`]+` - .*(\n|$))+$")


def notes_md(schema: dict, required: bool = False) -> str:
    """What a reader needs besides the type (Markdown, one table cell)."""
    notes = []
    if required:
        notes.append("required")
    if schema.get("readOnly"):
        notes.append("read-only")
    if schema.get("writeOnly"):
        notes.append("write-only")
    if schema.get("nullable"):
        notes.append("may be `null`")
    for low, high, unit in (("minLength", "maxLength", " characters"), ("minimum", "maximum", "")):
        if low in schema and high in schema:
            notes.append(f"{schema[low]} to {schema[high]}{unit}")
        elif high in schema:
            notes.append(f"at most {schema[high]}{unit}")
        elif low in schema:
            notes.append(f"at least {schema[low]}{unit}")
    if "pattern" in schema:
        notes.append(f"pattern `{schema['pattern']}`")
    if "default" in schema:
        notes.append(f"default `{json.dumps(schema['default'])}`")
    text = ", ".join(notes)
    description = schema.get("description", "")
    if description and not ("enum" in schema and ENUM_DESCRIPTION.match(description)):
        text += (". " if text else "") + description
    return _cell(text)


def status_md(code: str) -> str:
    phrase = get_http_status_phrase(code) if code != "default" else "any other status"
    return f"`{code}` {phrase}" if code != "default" else "other"




class Contract:
    """The contract and the lesson each operation links to, read once per build."""

    def __init__(self, root):
        self.root = root
        self.spec = yamlio.load((root / CONTRACT).read_text(encoding="utf-8"))
        self.lessons = yamlio.load((root / LESSONS).read_text(encoding="utf-8"))

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

    def auth_md(self, operation: dict) -> str:
        """Who may call an operation, from its security requirements."""
        options = operation.get("security")
        if options is None:
            options = self.spec.get("security", [])
        named = [name for option in options for name in option]
        if not named:
            return "none: anyone may call it."
        schemes = self.spec.get("components", {}).get("securitySchemes", {})
        how = []
        for name in dict.fromkeys(named):
            scheme = schemes.get(name, {})
            if scheme.get("scheme") == "bearer":
                how.append(f"a {scheme.get('bearerFormat', 'bearer')} in `Authorization: Bearer <token>`")
            else:
                how.append(f"`{name}`")
        optional = any(not option for option in options)
        return (" or ".join(how) + (", optional: without it you get what anonymous users get." if optional else "."))

    def resolved(self, node: dict) -> dict:
        """A response, parameter or body that may be a $ref to #/components/...: the object itself."""
        while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/components/"):
            _, _, kind, name = node["$ref"].split("/", 3)
            node = self.spec["components"][kind][name]
        return node

    def writer(self) -> Jinja2DocumentsWriter:
        """essentials-openapi's template writer with our partials first and our helpers."""
        documents = Jinja2DocumentsWriter(OpenAPIV3DocumentationHandler.__module__, views_style=OutputStyle.MKDOCS,
                                          custom_templates_path=str(self.root / TEMPLATES))
        documents.env.globals.update(json_html=json_html, examples=examples, type_md=type_md, notes_md=notes_md,
                                     auth_md=self.auth_md, status_md=status_md, resolved=self.resolved, cell=_cell,
                                     schema_name=schema_name)
        return documents

    def render(self, tag, page_uri, problem) -> str:
        spec = self.resource(tag, page_uri, problem)
        if spec is None:
            return ""
        markdown = OpenAPIV3DocumentationHandler(spec, writer=self.writer()).write()
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
