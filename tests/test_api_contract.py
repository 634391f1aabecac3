"""The Job Board's OpenAPI contract passes Redocly CLI's recommended rules with no error or warning.

The contract's other checks (drift, completeness, real examples) run with the example's own
tests (examples/jobboard/tests/test_contract.py); this one needs Node, so it lives here.
"""
import re
import subprocess
from pathlib import Path

from nexus import ROOT

CONTRACT = ROOT / "examples/jobboard/contract"


def test_openapi_contract_passes_redocly_recommended_rules():
    result = subprocess.run(
        [str(ROOT / "node_modules/.bin/redocly"), "lint", str(CONTRACT / "openapi.yaml"),
         "--config", str(CONTRACT / "redocly.yaml"), "--format", "stylish"],
        cwd=ROOT, capture_output=True, text=True, check=False, env={"PATH": "/usr/bin:/bin", "REDOCLY_TELEMETRY": "off",
                                                                    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # A finding is a line "  459:29  warning  rule-name  message"; the Node version notice is not one.
    assert "Your API description is valid" in output, output
    assert not re.search(r"^\s+\d+:\d+\s+(warning|error)\s", output, re.MULTILINE), output


def _operations():
    import yaml
    spec = yaml.safe_load((CONTRACT / "openapi.yaml").read_text(encoding="utf-8"))
    return [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]


def test_every_endpoint_names_its_lesson_and_each_lesson_links_back():
    import yaml
    lessons = yaml.safe_load((ROOT / "data/api_lessons.yml").read_text(encoding="utf-8"))
    ids = {op["operationId"] for _, _, op in _operations()}
    assert set(lessons) == ids, f"data/api_lessons.yml: missing {ids - set(lessons)}, stale {set(lessons) - ids}"
    for page in {entry["page"].split("#")[0] for entry in lessons.values()}:
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert re.search(r"\]\((\.\./)+api/[a-z-]+\.md", text), f"docs/{page} teaches an endpoint but never links to the API reference"


def test_overridden_openapi_partials_still_replace_the_library_s():
    """overrides/openapi/ replaces essentials-openapi partials by name (nexus/steps/api_reference.py):
    each must still exist upstream and still be included where ours expect, or an upgrade would
    silently render the library's own (tabs and JSON schemas: thousands of elements a page)."""
    from openapidocs.mk.v3 import views_mkdocs
    upstream = Path(views_mkdocs.__file__).parent
    ours = ROOT / "overrides/openapi/partial"
    for path in ours.glob("*.html"):
        assert (upstream / "partial" / path.name).is_file(), f"essentials-openapi has no partial/{path.name} any more"
    layout = (upstream / "layout.html").read_text(encoding="utf-8")
    assert '{% include "partial/path-items.html" %}' in layout
    assert '{% include "partial/type.html" %}' in (upstream / "partial/components-schemas.html").read_text(encoding="utf-8")
    path_items = (upstream / "partial/path-items.html").read_text(encoding="utf-8")
    assert "handler.get_operations().items()" in path_items, "essentials-openapi's operations loop changed"


def test_reference_pages_render_no_tabs_and_no_schema_copies(site):
    """The reference stays cheap on a phone: no tabbed sets (their script and markup cost most of
    the old pages' 3,000-8,600 elements), no JSON copy of a schema; each body links to the one
    table of its schema on the page."""
    for page in sorted((site / "api").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="operation-separator' not in html:
            continue
        assert 'class="tabbed-set' not in html, f"{page.parent.name}: tabs in the API reference"
        assert "Schema of the response body" not in html and '"$ref"' not in html, page.parent.name
        for anchor in set(re.findall(r'<a href="#([a-z0-9]+)">', html)):
            assert f'id="{anchor}"' in html, f"api/{page.parent.name}: a link to #{anchor}, which the page lacks"


def test_reference_pages_show_every_endpoint_with_a_recorded_example(site):
    import json
    from html import unescape
    by_tag = {}
    for path, method, op in _operations():
        by_tag.setdefault(op["tags"][0], []).append((method.upper(), path, op["operationId"]))
    for tag, ops in by_tag.items():
        html = unescape((site / "api" / tag / "index.html").read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", "", html)
        for method, path, operation_id in ops:
            assert f"{method} {path}" in text, f"api/{tag}: no heading for {method} {path}"
            assert operation_id in text, f"api/{tag}: {operation_id} not shown"
    recorded = json.loads((CONTRACT / "examples/payment-verify.json").read_text(encoding="utf-8"))
    payments = unescape((site / "api/payments/index.html").read_text(encoding="utf-8"))
    assert recorded["response"]["checkout_url"] in payments
    assert "generated automatically from the schema" not in payments


def test_a_bigger_contract_renders_one_row_per_status_and_no_tabs():
    """The Job Board's contract grows (more responses and error codes per operation): the
    rendering stays a table row per status, shared responses ($ref) are resolved, and examples
    beyond the first stay in one <details>."""
    import yaml
    from nexus.steps.api_reference import Contract
    reference = Contract(ROOT)
    contract = reference.spec
    path, method, op = next((p, m, o) for p, m, o in _operations() if o["operationId"] == "jobs_create")
    recorded = sum(len(media.get("examples", {})) for part in [op["requestBody"], *op["responses"].values()]
                   for media in part.get("content", {}).values())
    codes = ["402", "405", "406", "408", "410", "412", "413", "415", "422", "500", "503"]
    contract["components"]["responses"] = {"Gone": {"description": "It went (`gone`).", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"},
                             "examples": {"gone": {"value": {"error": {"code": "gone", "message": "Gone.", "details": {}}}}}}}}}
    for code in codes:
        op["responses"][code] = {"$ref": "#/components/responses/Gone"}
    contract["paths"] = {path: {method: op}}
    problems = []
    markdown = reference.render(op["tags"][0], "api/jobs.md", problems.append)
    assert not problems, problems
    for code in codes:
        assert f"| `{code}` " in markdown and "It went (`gone`)." in markdown, code
    assert "=== " not in markdown, "tabs are back"
    assert markdown.count("<details") == 2, "one <details> for the requests, one for the responses"
    # Every recorded example once, each shared response's own once more under "Common responses".
    assert markdown.count('class="language-json highlight"') == recorded + len(codes) + 1
