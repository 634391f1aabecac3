"""What a frontend learner runs: the quickstart's JavaScript (Node) and the request collection,
both against a real Job Board server started here (SQLite, seeded demo data, a real port)."""
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .live import EMBEDDED_TIER_ONLY, job_board

pytestmark = EMBEDDED_TIER_ONLY

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
JOBBOARD = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(tmp_path, seeded_database):
    """Production settings (DEBUG off), as a deployed Job Board answers a frontend.

    One server per test, on its own copy of the seeded database, so no test sees what another one
    left behind. Rate-limit counters live in the server's memory, and log-ins are counted per IP
    address, the same 127.0.0.1 for every test: on one shared server, the log-ins of the earlier
    tests used up the allowance of the later ones (the Apollo test's token and the request
    collection's log-in got a 429) whenever they fell into the same minute, so the file failed or
    passed with the machine's speed. The limits are the shipped ones, except applying, lowered so
    that the 429 comes quickly."""
    with job_board(tmp_path, debug=False, database=seeded_database, RATELIMIT_APPLY="2/m",
                   CORS_ALLOWED_ORIGINS="http://localhost:5173") as base:
        yield base


def test_quickstart_javascript_runs_against_the_api(server):
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed (see the README)"
    result = subprocess.run([node, "--test", "--test-reporter=spec", "quickstart.test.mjs"], cwd=FRONTEND,
                            env=dict(os.environ, BASE_URL=server + "/"), capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\bpass 5\b", result.stdout) and re.search(r"\bfail 0\b", result.stdout), result.stdout


NODE_MODULES = FRONTEND.parents[1] / "node_modules"


def test_off_the_shelf_clients_work_against_production_settings(server):
    """Apollo Client (default cache) and the REST client typed from the contract (openapi-fetch)."""
    result = subprocess.run([shutil.which("node"), "--test", "--test-reporter=spec", "clients.test.mjs"], cwd=FRONTEND,
                            env=dict(os.environ, BASE_URL=server + "/"), capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\bpass 3\b", result.stdout) and re.search(r"\bfail 0\b", result.stdout), result.stdout


def test_the_typed_client_matches_the_contract(tmp_path):
    """jobboard-api.d.ts is what openapi-typescript makes of the committed contract (make contract
    writes it), and the typed client type-checks against it."""
    generated = tmp_path / "jobboard-api.d.ts"
    subprocess.run([shutil.which("node"), str(NODE_MODULES / "openapi-typescript" / "bin" / "cli.js"),
                    str(JOBBOARD / "contract" / "openapi.yaml"), "-o", str(generated)],
                   check=True, capture_output=True, timeout=120)
    committed = (FRONTEND / "jobboard-api.d.ts").read_text(encoding="utf-8")
    assert committed == generated.read_text(encoding="utf-8"), "examples/frontend/jobboard-api.d.ts is stale: run `make contract`"
    check = subprocess.run([shutil.which("node"), str(NODE_MODULES / "typescript" / "bin" / "tsc"), "-p", str(FRONTEND)],
                           capture_output=True, text=True, timeout=180, check=False)
    assert check.returncode == 0, check.stdout[-4000:]


# A tiny runner for the .http format's subset the collection uses: `@var = value`,
# `### title` separators, `# @name x`, and `{{x.response.body.a.0.b}}` references. Written here
# because no maintained Python package runs .http files.
def parse_http(text: str):
    variables, requests = {}, []
    for block in re.split(r"^###.*$", text, flags=re.MULTILINE):
        lines = [line for line in block.strip().splitlines()]
        name = None
        while lines and (lines[0].startswith(("#", "@")) or not lines[0].strip()):
            line = lines.pop(0)
            if line.startswith("@"):
                key, _, value = line[1:].partition("=")
                variables[key.strip()] = value.strip()
            elif m := re.match(r"#\s*@name\s+(\w+)", line):
                name = m.group(1)
        if not lines:
            continue
        method, url = lines.pop(0).split(" ", 1)
        headers, body = {}, None
        while lines and lines[0].strip():
            key, _, value = lines.pop(0).partition(":")
            headers[key.strip()] = value.strip()
        if lines:
            body = "\n".join(lines).strip() or None
        requests.append({"name": name, "method": method, "url": url, "headers": headers, "body": body})
    return variables, requests


def expand(text, variables, responses):
    def value(match):
        head, *path = match.group(1).split(".")
        if head in variables:
            return variables[head]
        node = responses[head]
        for key in path[2:]:   # x.response.body.<path>
            node = node[int(key)] if isinstance(node, list) else node[key]
        return str(node)
    return re.sub(r"\{\{\s*([\w.]+)\s*\}\}", value, text)


def test_request_collection_runs_against_the_api(server):
    variables, requests = parse_http((FRONTEND / "jobboard.http").read_text(encoding="utf-8"))
    variables["baseUrl"] = server
    responses, statuses = {}, []
    for req in requests:
        url = expand(req["url"], variables, responses)
        headers = {k: expand(v, variables, responses) for k, v in req["headers"].items()}
        body = expand(req["body"], variables, responses).encode() if req["body"] else None
        try:
            with urllib.request.urlopen(urllib.request.Request(url, body, headers, method=req["method"])) as r:
                status, payload = r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as error:
            status, payload = error.code, json.loads(error.read() or b"null")
        statuses.append(status)
        if req["name"]:
            responses[req["name"]] = payload
    assert len(requests) == 9
    assert statuses == [200, 200, 200, 200, 200, 201, 200, 200, 401], statuses


def test_cors_lets_the_listed_frontend_origin_read_responses(server):
    preflight = urllib.request.Request(server + "/api/jobs/1/apply/", method="OPTIONS", headers={
        "Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    with urllib.request.urlopen(preflight) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
        assert "authorization" in response.headers["Access-Control-Allow-Headers"]
    with urllib.request.urlopen(urllib.request.Request(server + "/api/jobs/", headers={
            "Origin": "https://evil.example"})) as response:
        assert response.headers["Access-Control-Allow-Origin"] is None
    with urllib.request.urlopen(urllib.request.Request(server + "/api/jobs/", headers={
            "Origin": "http://localhost:5173"})) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
        assert response.headers["Access-Control-Expose-Headers"] == "Retry-After"
