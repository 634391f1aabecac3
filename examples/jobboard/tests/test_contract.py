"""The API contract in contract/: generated from the code, complete, and illustrated by real calls.

- The committed OpenAPI and GraphQL schemas equal what the code generates (a pull request that
  changes an endpoint updates the contract in the same change: run `make contract`).
- Every operation has a summary, a description, security, error responses and an example.
- The examples are real responses, recorded here from the embedded tier; `make contract` (which
  sets NEXUS_RECORD=1) rewrites them, and every one validates against the schema.
"""
import difflib
import json
import os
import re
from pathlib import Path

import pytest
import responses
import yaml
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from graphql import print_schema
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource

from jobs.schema import schema as graphql_schema

from .conftest import PASSWORD, auth_client, make_user

CONTRACT = Path(__file__).resolve().parent.parent / "contract"
EXAMPLES = CONTRACT / "examples"
RECORD = os.environ.get("NEXUS_RECORD") == "1"
INIT_URL = "https://api.chapa.co/v1/transaction/initialize"
VERIFY_URL = "https://api.chapa.co/v1/transaction/verify/"
CHECKOUT = "https://checkout.chapa.co/checkout/payment/abc123"
# Values that change on every run are replaced by fixed ones, so a re-recording is a real diff.
VOLATILE = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"), "2026-11-30T09:00:00Z"),
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+"), "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.signature"),
    (re.compile(r"nexus-[0-9a-f]{32}"), "nexus-0f8b7a2c9d1e4f3a8b6c5d4e3f2a1b0c"),
]


def diff(committed: str, generated: str, name: str) -> str:
    lines = difflib.unified_diff(committed.splitlines(), generated.splitlines(), f"committed {name}",
                                 f"generated from the code", lineterm="", n=2)
    return ("\n".join(list(lines)[:80]) + f"\n\n{name} is out of date: run `make contract` and commit it.")


def openapi_yaml() -> str:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode("utf-8")


def test_openapi_schema_matches_the_committed_contract():
    generated, committed = openapi_yaml(), (CONTRACT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == generated, diff(committed, generated, "contract/openapi.yaml")


def test_graphql_schema_matches_the_committed_contract():
    generated = print_schema(graphql_schema.graphql_schema)   # what manage.py graphql_schema writes
    committed = (CONTRACT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == generated, diff(committed, generated, "contract/schema.graphql")


def spec() -> dict:
    return yaml.safe_load((CONTRACT / "openapi.yaml").read_text(encoding="utf-8"))


def operations():
    for path, item in spec()["paths"].items():
        for method, op in item.items():
            yield path, method, op


def test_every_operation_is_documented_completely():
    for path, method, op in operations():
        where = f"{method.upper()} {path}"
        assert op.get("summary") and op.get("description"), f"{where}: no summary or description"
        assert op.get("security"), f"{where}: no security requirement (use auth=[{{}}] for public endpoints)"
        codes = set(op["responses"])
        assert any(c.startswith("2") for c in codes), f"{where}: no success response"
        assert "429" in codes and codes & {"400", "401", "404"}, f"{where}: error responses missing"
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorEnvelope"), f"{where} {code}: not the error envelope"
        examples = [name for r in op["responses"].values()
                    for name in r.get("content", {}).get("application/json", {}).get("examples", {})]
        assert examples, f"{where}: no recorded example (add a call to test_record_examples)"


# --- Recording real calls --------------------------------------------------------------------------


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    if isinstance(value, str):
        for pattern, fixed in VOLATILE:
            value = pattern.sub(fixed, value)
    return value


class Recorder:
    def __init__(self):
        self.made = {}

    def call(self, name, title, operation_id, client, method, url, body=None, expect=200):
        response = getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)
        assert response.status_code == expect, (name, response.status_code, response.content[:500])
        self.made[name] = {"operationId": operation_id, "title": title, "method": method.upper(), "url": _stable(url),
                           "status": expect, "request": _stable(body),
                           "response": _stable(response.json()) if response.content else None}
        return response


@pytest.fixture
def recorded(db, settings):
    """Drive the whole API once, as a frontend would, and keep each call."""
    if connection.vendor != "sqlite":
        pytest.skip("examples are recorded in the embedded tier (ids depend on the database)")
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-example"
    settings.RATELIMIT_LOGIN = "2/m"   # the third login in a minute is refused
    rec = Recorder()
    anon = auth_client()
    rec.call("register", "An applicant signs up", "auth_register_create", anon, "post", "/api/auth/register/",
             {"username": "abel", "email": "abel@example.com", "password": PASSWORD, "role": "applicant"}, 201)
    rec.call("register-invalid", "A password that is too short", "auth_register_create", anon, "post",
             "/api/auth/register/", {"username": "sam", "email": "sam@example.com", "password": "123",
                                     "role": "applicant"}, 400)
    token = rec.call("login", "Log in and get a token pair", "auth_token_create", anon, "post", "/api/auth/token/",
                     {"username": "abel", "password": PASSWORD}, 200).json()
    rec.call("login-wrong-password", "A wrong password", "auth_token_create", anon, "post", "/api/auth/token/",
             {"username": "abel", "password": "not-my-password"}, 401)
    rec.call("login-rate-limited", "Too many logins from one address", "auth_token_create", anon, "post",
             "/api/auth/token/", {"username": "abel", "password": "not-my-password"}, 429)
    rec.call("refresh", "A new access token", "auth_token_refresh_create", anon, "post",
             "/api/auth/token/refresh/", {"refresh": token["refresh"]}, 200)
    rec.call("refresh-invalid", "A refresh token that is not valid", "auth_token_refresh_create", anon, "post",
             "/api/auth/token/refresh/", {"refresh": "not-a-token"}, 401)
    applicant = auth_client()
    applicant.credentials(HTTP_AUTHORIZATION=f"Bearer {token['access']}")
    rec.call("me", "The signed-in applicant", "auth_me_retrieve", applicant, "get", "/api/auth/me/")
    rec.call("me-no-token", "No token sent", "auth_me_retrieve", anon, "get", "/api/auth/me/", expect=401)

    recruiter = auth_client(make_user("rita", "recruiter"))
    other = auth_client(make_user("ravi", "recruiter"))
    company = rec.call("company-create", "A recruiter creates a company", "companies_create", recruiter, "post",
                       "/api/companies/", {"name": "Acacia Labs", "website": "https://acacia.example.com"}, 201).json()
    rec.call("company-create-applicant", "An applicant may not create companies", "companies_create", applicant,
             "post", "/api/companies/", {"name": "Mine"}, 403)
    rec.call("companies", "Companies, first page", "companies_list", anon, "get", "/api/companies/")
    rec.call("company", "One company", "companies_retrieve", anon, "get", f"/api/companies/{company['id']}/")
    rec.call("company-missing", "No such company", "companies_retrieve", anon, "get", "/api/companies/999/",
             expect=404)
    rec.call("company-update", "Replace a company", "companies_update", recruiter, "put",
             f"/api/companies/{company['id']}/", {"name": "Acacia Labs PLC", "website": "https://acacia.example.com"})
    rec.call("company-rename", "Rename a company", "companies_partial_update", recruiter, "patch",
             f"/api/companies/{company['id']}/", {"name": "Acacia Labs"})
    rec.call("company-delete-not-owner", "Only the owner may delete", "companies_destroy", other, "delete",
             f"/api/companies/{company['id']}/", expect=403)

    job = {"company": company["id"], "title": "Junior Django Developer", "description": "Build REST APIs.",
           "location": "Addis Ababa", "employment_type": "full_time", "salary_min": 30000, "salary_max": 45000,
           "status": "open"}
    created = rec.call("job-create", "A recruiter posts a job", "jobs_create", recruiter, "post", "/api/jobs/",
                       job, 201).json()
    rec.call("job-create-invalid", "Salary range the wrong way round", "jobs_create", recruiter, "post",
             "/api/jobs/", {**job, "salary_min": 50000, "salary_max": 100}, 400)
    second = rec.call("job-create-2", "A second job", "jobs_create", recruiter, "post", "/api/jobs/",
                      {**job, "title": "Backend Intern", "salary_min": 8000, "salary_max": 12000}, 201).json()
    rec.call("jobs", "Open jobs, newest first", "jobs_list", anon, "get", "/api/jobs/?status=open")
    rec.call("jobs-filtered", "Search and filter", "jobs_list", anon, "get",
             "/api/jobs/?search=django&min_salary=20000&ordering=-salary_max")
    rec.call("jobs-bad-filter", "A filter value that is not valid", "jobs_list", anon, "get",
             "/api/jobs/?status=bogus", expect=400)
    rec.call("job", "One job", "jobs_retrieve", anon, "get", f"/api/jobs/{created['id']}/")
    rec.call("job-missing", "No such job", "jobs_retrieve", anon, "get", "/api/jobs/999/", expect=404)
    rec.call("job-update", "Replace a job", "jobs_update", recruiter, "put", f"/api/jobs/{created['id']}/",
             {**job, "salary_max": 50000})
    rec.call("job-close", "Close a job", "jobs_partial_update", recruiter, "patch", f"/api/jobs/{second['id']}/",
             {"status": "closed"})
    rec.call("job-delete-not-owner", "Only the company's owner may delete", "jobs_destroy", other, "delete",
             f"/api/jobs/{created['id']}/", expect=403)
    application = rec.call("apply", "An applicant applies", "jobs_apply_create", applicant, "post",
                           f"/api/jobs/{created['id']}/apply/", {"cover_letter": "I build Django APIs."}, 201).json()
    rec.call("apply-twice", "A second application to the same job", "jobs_apply_create", applicant, "post",
             f"/api/jobs/{created['id']}/apply/", {"cover_letter": "Again."}, 409)
    rec.call("apply-recruiter", "Recruiters can't apply", "jobs_apply_create", recruiter, "post",
             f"/api/jobs/{created['id']}/apply/", {}, 403)
    third = rec.call("job-create-3", "A third job", "jobs_create", recruiter, "post", "/api/jobs/",
                     {**job, "title": "Data Engineer"}, 201).json()
    rec.call("application-create", "Apply with the job in the body", "applications_create", applicant, "post",
             "/api/applications/", {"job": third["id"], "cover_letter": "I like data."}, 201)
    rec.call("applications", "My applications", "applications_list", applicant, "get", "/api/applications/")
    rec.call("applications-no-token", "No token sent", "applications_list", anon, "get", "/api/applications/",
             expect=401)
    rec.call("application", "One application", "applications_retrieve", recruiter, "get",
             f"/api/applications/{application['id']}/")
    rec.call("application-review", "The recruiter accepts", "applications_partial_update", recruiter, "patch",
             f"/api/applications/{application['id']}/", {"status": "accepted"})
    rec.call("application-withdraw-recruiter", "Only the applicant may withdraw", "applications_destroy",
             recruiter, "delete", f"/api/applications/{application['id']}/", expect=403)

    with responses.RequestsMock() as chapa:
        chapa.post(INIT_URL, json={"status": "success", "message": "Hosted Link", "data": {"checkout_url": CHECKOUT}})
        payment = rec.call("payment", "Start a payment", "payments_initialize_create", recruiter, "post",
                           "/api/payments/initialize/", {"job": created["id"]},
                           201).json()
    tx_ref = payment["tx_ref"]
    with responses.RequestsMock() as chapa:
        chapa.get(VERIFY_URL + tx_ref, json={"message": "Payment details", "status": "success", "data": {
            "status": "success", "tx_ref": tx_ref, "amount": "500.00", "currency": "ETB"}})
        rec.call("payment-verify", "A paid payment", "payments_verify_retrieve", anon, "get",
                 f"/api/payments/verify/{tx_ref}/")
    rec.call("payment-callback", "Chapa calls back", "payments_callback_retrieve", anon, "get",
             f"/api/payments/callback/?tx_ref={tx_ref}")
    with responses.RequestsMock() as chapa:
        chapa.post(INIT_URL, status=500, json={"message": "Server error"})
        rec.call("payment-gateway-down", "Chapa is unavailable", "payments_initialize_create", recruiter, "post",
                 "/api/payments/initialize/", {"job": created["id"]}, 502)
    rec.call("payment-missing", "No such payment", "payments_verify_retrieve", anon, "get",
             "/api/payments/verify/nexus-unknown/", expect=404)
    return rec.made


def test_recorded_examples_are_the_real_responses(recorded):
    """Drift check: the committed examples are what the API answers today (NEXUS_RECORD=1 rewrites them)."""
    if RECORD:
        for old in EXAMPLES.glob("*.json"):
            old.unlink()
        for name, example in recorded.items():
            (EXAMPLES / f"{name}.json").write_text(json.dumps(example, indent=2, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    committed = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES.glob("*.json")}
    assert set(committed) == set(recorded), "run `make contract` to record the examples again"
    for name, example in recorded.items():
        assert committed[name] == example, diff(json.dumps(committed[name], indent=2),
                                                json.dumps(example, indent=2), f"contract/examples/{name}.json")


def _validator(document: dict, schema: dict) -> OAS30Validator:
    registry = Registry().with_resource("urn:contract", Resource.opaque(document))
    return OAS30Validator({"$ref": "urn:contract#" + schema["$ref"].removeprefix("#")} if "$ref" in schema else schema,
                          registry=registry)


def test_every_example_is_shown_under_the_status_it_was_recorded_with():
    recorded = {p.stem: json.loads(p.read_text(encoding="utf-8"))["status"] for p in EXAMPLES.glob("*.json")}
    for path, method, op in operations():
        for status, response in op["responses"].items():
            for name in response.get("content", {}).get("application/json", {}).get("examples", {}):
                assert str(recorded[name]) == status, f"{method.upper()} {path} {status}: example {name!r}"


def test_every_recorded_response_validates_against_the_schema():
    document = spec()
    by_id = {op["operationId"]: op for _, _, op in operations()}
    checked = 0
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text(encoding="utf-8"))
        op = by_id[example["operationId"]]
        response = op["responses"][str(example["status"])]
        if example["response"] is None:
            assert "content" not in response, path.name
            continue
        schema = response["content"]["application/json"]["schema"]
        errors = [e.message for e in _validator(document, schema).iter_errors(example["response"])]
        assert not errors, f"{path.name}: {errors[:3]}"
        checked += 1
    assert checked >= 40, checked
