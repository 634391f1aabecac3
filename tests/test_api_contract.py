"""The Job Board's OpenAPI contract passes Redocly CLI's recommended rules with no error or warning.

The contract's other checks (drift, completeness, real examples) run with the example's own
tests (examples/jobboard/tests/test_contract.py); this one needs Node, so it lives here.
"""
import re
import subprocess

from helpers import ROOT

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
