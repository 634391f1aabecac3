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


def test_overridden_openapi_partials_differ_from_the_library_only_as_intended():
    """overrides/openapi/ replaces three essentials-openapi partials; an upgrade that changes them fails here."""
    from openapidocs.mk.v3 import views_mkdocs
    upstream = Path(views_mkdocs.__file__).parent / "partial"
    ours = ROOT / "overrides/openapi/partial"
    for path in ours.glob("*.html"):
        assert (upstream / path.name).is_file(), f"essentials-openapi has no partial/{path.name} any more"
    examples_only = ("{% if example.value %}", "{% if example.value and not example.auto_generated %}")
    label = ('=== "{% if code == "default" %}{{texts.other_responses}}{% else %}{{code}}{% with phrase = '
             'get_http_status_phrase(code) %}{% if phrase %} {{ phrase }}{% endif %}{% endwith %}{% endif %}"\n',
             '=== "{% if code == "default" %}{{texts.other_responses}}{% else %}{{code}}{% endif %}"\n    {% with '
             'phrase = get_http_status_phrase(code) %}**{{code}}{% if phrase %} {{ phrase }}{% endif %}.**{% endwith %} '
             '{{definition.description | replace("\\n", " ")}}\n\n')
    for name, changes in (("request-responses.html", [examples_only, label]), ("content-examples.html", [examples_only])):
        body = (ours / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]
        expected = (upstream / name).read_text(encoding="utf-8")
        for old, new in changes:
            assert old in expected, f"essentials-openapi's partial/{name} no longer has {old!r}"
            expected = expected.replace(old, new)
        assert body == expected, f"overrides/openapi/partial/{name} drifted from the library's copy"
    path_items = (upstream / "path-items.html").read_text(encoding="utf-8")
    for kept in ('{% include "partial/request-parameters.html" %}', '{% include "partial/request-body.html" %}',
                 '{%- include "partial/request-responses.html" %}', "handler.get_operations().items()"):
        assert kept in path_items, f"essentials-openapi's path-items.html no longer has {kept!r}"


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
