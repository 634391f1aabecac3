"""The contract tells the truth: Schemathesis, a property-based tester nobody on this project
wrote, runs every operation of contract/openapi.yaml against a real server and must find nothing.

It runs twice: with DEBUG on (bin/run's development settings) and with DEBUG off (what a deployed
Job Board answers). Each run uses every check on every operation, the examples, fuzzing and
stateful phases (the stateful phase follows the OpenAPI links of core/schema.py: sign up -> log
in -> company -> job -> apply -> pay), and calls as each demo role and with an expired token; the
development run adds the coverage phase (RUNS below). What it does not check is listed, with
reasons, in contract/schemathesis.toml and nowhere else; how big each phase is, too.
"""
import json
import os
import re
import secrets
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jwt
import pytest
import yaml

from .live import EMBEDDED_TIER_ONLY, DEMO_PASSWORD, JOBBOARD, job_board

pytestmark = EMBEDDED_TIER_ONLY

CONTRACT = JOBBOARD / "contract"
ST = Path(sys.executable).with_name("st")
# Counters that would answer 429 long before the tester is done; the 429 path has its own tests
# (tests/test_ratelimit.py, and the Node clients against production settings).
NO_LIMITS = {"RATELIMIT_ENABLE": "false", "THROTTLE_ANON": "1000000/minute", "THROTTLE_USER": "1000000/minute"}


def login(name: str, username: str) -> dict:
    """A WFC (Web Fuzzing Commons) user that logs in through POST /api/auth/token/."""
    return {"name": name, "loginEndpointAuth": {
        "endpoint": "/api/auth/token/", "verb": "POST", "contentType": "application/json",
        "payloadUserPwd": {"username": username, "password": DEMO_PASSWORD,
                           "usernameField": "username", "passwordField": "password"},
        "token": {"extractFrom": "body", "extractSelector": "/access", "sendIn": "header",
                  "sendName": "Authorization", "sendTemplate": "Bearer {token}"}}}


def users_file(folder: Path, signing_key: str) -> Path:
    """Every role of the seeded demo data, and an access token that expired half an hour ago.
    Schemathesis tries them in this order per operation and keeps the first one admitted."""
    now = datetime.now(timezone.utc)
    expired = jwt.encode({"token_type": "access", "user_id": "3", "jti": uuid.uuid4().hex,
                          "iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=30)},
                         signing_key, algorithm="HS256")
    document = {"schemaVersion": "0.2.0", "auth": [
        login("recruiter", "rita"),
        {"name": "expired", "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {expired}"}]},
        login("applicant", "abel"),
        login("other-recruiter", "ravi"),
        login("other-applicant", "hana"),
    ]}
    path = folder / "users.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def declared_links() -> int:
    paths = yaml.safe_load((CONTRACT / "openapi.yaml").read_text(encoding="utf-8"))["paths"]
    return sum(len(response.get("links", {})) for item in paths.values() for op in item.values()
               for response in op["responses"].values())


def operations() -> int:
    paths = yaml.safe_load((CONTRACT / "openapi.yaml").read_text(encoding="utf-8"))["paths"]
    return sum(1 for item in paths.values() for method in item if method in {"get", "post", "put", "patch", "delete"})


# Both runs test every operation (the examples phase generates a case for any operation the
# contract has no example for, and the fuzzing phase sends right and wrong values), with every
# check, as every role and the expired token, and follow the declared links in the stateful phase.
# The development run adds the coverage phase: every boundary and wrong value the contract defines,
# about 950 cases. DEBUG changes how the server renders errors, not what it validates, so those run
# once; the production run still sees wrong values, rendered as a deployment renders them.
RUNS = {"development": (True, "examples,coverage,fuzzing,stateful"),
        "production": (False, "examples,fuzzing,stateful")}


@pytest.mark.parametrize("run", RUNS)
def test_schemathesis_finds_nothing(tmp_path, seeded_database, run):
    debug, phases = RUNS[run]
    signing_key = secrets.token_urlsafe(50)
    with job_board(tmp_path, debug=debug, database=seeded_database, JWT_SIGNING_KEY=signing_key,
                   **NO_LIMITS) as base:
        env = dict(os.environ, JOBBOARD_USERS=str(users_file(tmp_path, signing_key)), NO_COLOR="1")
        result = subprocess.run(
            [str(ST), "--config-file", str(CONTRACT / "schemathesis.toml"), "run", str(CONTRACT / "openapi.yaml"),
             "--url", base, "--phases", phases, "--report", "junit", "--report-dir", str(tmp_path)],
            env=env, capture_output=True, text=True, timeout=900, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) == operations(), output[-3000:]
    cases = re.search(r"(\d+) generated", output)
    # The stateful phase ran, along the links the contract declares (and no inferred ones).
    scenarios = re.search(r"Scenarios: +(\d+)", output)
    links = re.search(r"API Links: +(\d+) covered / (\d+) selected / (\d+) total", output)
    assert scenarios and int(scenarios.group(1)) > 0, output[-3000:]
    assert links and int(links.group(1)) > 0 and links.group(2) == links.group(3) == str(declared_links()), output[-3000:]
    junit = ET.parse(next(tmp_path.glob("junit*.xml"))).getroot()
    failures = sum(int(suite.get("failures", 0)) + int(suite.get("errors", 0)) for suite in junit.iter("testsuite"))
    assert failures == 0
    print(f"Schemathesis ({run}): {tested.group(1)} operations, {cases.group(1) if cases else '?'} cases, "
          f"{scenarios.group(1)} stateful scenarios covering {links.group(1)} of {links.group(3)} links, 0 failures")
