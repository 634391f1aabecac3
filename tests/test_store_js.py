"""My learning's store in Node: the property-based tests in tests/js/ (fast-check) run inside the
hub's pytest, so `make test` runs them; and every key the built site gives the store (page paths,
checklist keys, question ids) fits the store's own schema, so no reader's tick is ever refused."""
import html
import json
import os
import re
import subprocess

import pytest

from nexus import ROOT

STORE = ROOT / "docs/assets/javascripts/store.js"


def _node(*args, env=None, **kwargs):
    if not (ROOT / "node_modules/fast-check").is_dir():
        pytest.fail("node_modules is missing: run `npm ci` (make test does)")
    return subprocess.run(["node", *args], cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **(env or {})}, **kwargs)


@pytest.mark.parametrize("built", [False, True], ids=["source", "minified"])
def test_the_store_passes_its_property_based_tests_in_node(built, request):
    """The source, and the minified copy readers get (the minifier must not change a regex)."""
    env = {"NEXUS_STORE": str(request.getfixturevalue("site") / "assets/javascripts/store.min.js")} if built else {}
    result = _node("--test", "tests/js/", env=env)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"^# pass [1-9]", result.stdout, re.M) and re.search(r"^# fail 0$", result.stdout, re.M)


CHECK_KEYS = """
const { SCHEMA, formats } = require(process.argv[1]);
const keys = JSON.parse(require("fs").readFileSync(0, "utf8"));
const bad = [];
for (const [format, values] of Object.entries(keys))
  for (const key of values)
    if (!formats[format].test(key) || SCHEMA.reserved.includes(key)) bad.push(format + ": " + key);
console.log(JSON.stringify(bad));
"""


def test_every_key_the_built_site_stores_fits_the_store_schema(site):
    keys = {"page": set(), "id": set()}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        keys["page"].update(html.unescape(k) for k in re.findall(r'data-page="([^"]+)"', text))
        keys["id"].update(html.unescape(k) for k in re.findall(r'data-tick="([^"]+)"', text))
        keys["id"].update(html.unescape(k) for k in re.findall(r'data-q="([^"]+)"', text))
    assert len(keys["page"]) > 50 and len(keys["id"]) > 100, {k: len(v) for k, v in keys.items()}
    result = _node("-e", CHECK_KEYS, str(STORE), input=json.dumps({k: sorted(v) for k, v in keys.items()}))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], "keys the store would refuse: a reader's data would be dropped"
