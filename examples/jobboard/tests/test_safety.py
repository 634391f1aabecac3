"""The example refuses unsafe settings and requests (issue: "The example refuses unsafe settings").

One test per fix; each failed on the code before the fix:
- with DEBUG off, a committed or placeholder secret stops the server at start-up;
- the JWT signing key is its own setting, so a token signed with SECRET_KEY is refused;
- REST and GraphQL count applications against one rate limit;
- the server decides what a payment is for and how much;
- another company's draft answers exactly like a job that does not exist;
- GraphQL authenticates by token only, never by the session cookie;
- Compose publishes its ports on 127.0.0.1 unless told otherwise.
"""
import os
import re
import secrets
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import jwt
import pytest
import responses
import yaml
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from config.safety import COMMITTED_SECRETS, weakness
from jobs.models import Application, Company, Job
from payments.models import Payment

from .conftest import assert_error, auth_client, make_user

PROJECT = Path(__file__).resolve().parent.parent
START = "import config.wsgi; print('serving')"   # what gunicorn and runserver load first


def start(**env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", "DJANGO_DEBUG", "DATABASE_URL")}
    environ.update(env)
    return subprocess.run([sys.executable, "-c", START], cwd=PROJECT, env=environ, capture_output=True,
                          text=True, timeout=120, check=False)


def env_example() -> dict:
    lines = (PROJECT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("env", [
    {},   # nothing set: the fallbacks committed in settings.py
    {name: env_example().get(name, "") for name in ("DJANGO_SECRET_KEY", "JWT_SIGNING_KEY")},  # .env.example copied as is
    {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "JWT_SIGNING_KEY": "short"},
], ids=["settings-fallbacks", "env-example", "short-jwt-key"])
def test_debug_off_refuses_to_start_on_committed_or_weak_keys(env):
    result = start(DJANGO_DEBUG="false", **env)
    assert result.returncode != 0 and "serving" not in result.stdout
    assert "ImproperlyConfigured: The Job Board refuses to start with DEBUG off" in result.stderr
    assert "JWT_SIGNING_KEY" in result.stderr and "secrets.token_urlsafe(50)" in result.stderr


def test_debug_off_refuses_one_key_for_both_uses():
    same = secrets.token_urlsafe(50)
    result = start(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=same, JWT_SIGNING_KEY=same)
    assert "JWT_SIGNING_KEY is the same as SECRET_KEY" in result.stderr


def test_starts_with_its_own_random_keys_or_in_debug():
    keys = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "JWT_SIGNING_KEY": secrets.token_urlsafe(50)}
    assert start(DJANGO_DEBUG="false", **keys).stdout.strip() == "serving"
    assert start(DJANGO_DEBUG="true").stdout.strip() == "serving"   # bin/run on a laptop


def test_every_secret_the_repository_publishes_is_refused():
    published = {env_example()["DJANGO_SECRET_KEY"], env_example()["JWT_SIGNING_KEY"]}
    settings_py = (PROJECT / "config" / "settings.py").read_text(encoding="utf-8")
    published |= set(re.findall(r'"(django-insecure-[^"]+)"', settings_py))
    assert len(published) == 4, published
    assert published <= COMMITTED_SECRETS
    assert all(weakness(value) for value in published)


@pytest.mark.django_db
def test_a_token_signed_with_secret_key_is_refused(applicant):
    """The JWT key is its own setting: knowing SECRET_KEY does not let anyone mint tokens."""
    assert django_settings.JWT_SIGNING_KEY != django_settings.SECRET_KEY
    now = datetime.now(timezone.utc)
    claims = {"token_type": "access", "user_id": str(applicant.pk), "jti": uuid.uuid4().hex,
              "iat": now, "exp": now + timedelta(minutes=5)}
    forged = jwt.encode(claims, django_settings.SECRET_KEY, algorithm="HS256")
    genuine = jwt.encode(claims, django_settings.JWT_SIGNING_KEY, algorithm="HS256")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert_error(client.get("/api/auth/me/"), 401, "token_not_valid")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {genuine}")
    assert client.get("/api/auth/me/").json()["username"] == applicant.username


APPLY = 'mutation($id: ID!) { applyToJob(jobId: $id) { application { id } } }'


@pytest.mark.django_db
def test_graphql_apply_counts_against_the_rest_limit(settings, applicant_client, company):
    settings.RATELIMIT_APPLY = "2/h"
    a, b, c = (Job.objects.create(company=company, title=f"Job {n}", description="d") for n in range(3))
    assert applicant_client.post(f"/api/jobs/{a.pk}/apply/", {}, format="json").status_code == 201
    assert applicant_client.post("/api/applications/", {"job": b.pk}, format="json").status_code == 201
    body = applicant_client.post("/graphql/", {"query": APPLY, "variables": {"id": c.pk}}, format="json").json()
    assert body["errors"][0]["extensions"] == {"code": "rate_limited", "retry_after_seconds": 3600}
    assert not Application.objects.filter(job=c).exists()


@pytest.fixture
def chapa(settings):
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-example"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post("https://api.chapa.co/v1/transaction/initialize", json={
            "status": "success", "message": "Hosted Link", "data": {"checkout_url": "https://checkout.example/x"}})
        yield mock


@pytest.mark.django_db
def test_the_server_decides_the_amount(settings, chapa, recruiter_client, job):
    settings.JOB_FEATURE_PRICE = Decimal("500.00")
    response = recruiter_client.post("/api/payments/initialize/",
                                     {"job": job.pk, "amount": "1.00", "currency": "USD"}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["amount"], response.json()["currency"]) == ("500.00", "ETB")
    assert Payment.objects.get().amount == Decimal("500.00")
    assert b'"amount": "500.00"' in chapa.calls[0].request.body


@pytest.mark.django_db
def test_no_paying_for_another_companys_draft(chapa, other_recruiter, recruiter_client):
    theirs = Company.objects.create(name="Blue Nile Data", owner=other_recruiter)
    draft = Job.objects.create(company=theirs, title="Secret plan", description="d", status=Job.Status.DRAFT)
    refused = assert_error(recruiter_client.post("/api/payments/initialize/", {"job": draft.pk}, format="json"),
                           409, "conflict")
    missing = assert_error(recruiter_client.post("/api/payments/initialize/", {"job": 999999}, format="json"),
                           409, "conflict")
    assert refused["details"]["job"] == [f'Invalid pk "{draft.pk}" - object does not exist.']
    assert missing["details"]["job"] == ['Invalid pk "999999" - object does not exist.']
    assert not Payment.objects.exists() and not chapa.calls


def without_id(response, job_id: int) -> tuple[int, str]:
    return response.status_code, response.content.decode().replace(str(job_id), "<id>")


@pytest.mark.django_db
def test_another_companys_draft_answers_like_a_missing_job(settings, applicant_client, company):
    settings.RATELIMIT_APPLY = "100/h"   # six tries here: stay under the limit
    draft = Job.objects.create(company=company, title="Not yet", description="d", status=Job.Status.DRAFT)
    missing = draft.pk + 1000
    for method, url, body in (("post", "/api/applications/", {"job": "{id}"}),
                              ("post", "/api/jobs/{id}/apply/", {}),
                              ("get", "/api/jobs/{id}/", None)):
        answers = []
        for job_id in (draft.pk, missing):
            data = {k: (job_id if v == "{id}" else v) for k, v in (body or {}).items()}
            response = getattr(applicant_client, method)(url.format(id=job_id), data, format="json")
            answers.append(without_id(response, job_id))
        assert answers[0] == answers[1], (url, answers)
    graphql = [applicant_client.post("/graphql/", {"query": APPLY, "variables": {"id": job_id}}, format="json").json()
               for job_id in (draft.pk, missing)]
    assert graphql[0] == graphql[1]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_graphql_ignores_the_session_user(applicant, job):
    """/graphql/ is CSRF-exempt, so a session cookie alone must not act for anybody."""
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(applicant)   # a signed-in admin/session cookie, no token
    body = browser.post("/graphql/", {"query": APPLY, "variables": {"id": job.pk}}, format="json").json()
    assert body["errors"][0]["extensions"]["code"] == "not_authenticated"
    assert not Application.objects.exists()


def published_ports(compose_file: str, env: dict) -> list[str]:
    services = yaml.safe_load((PROJECT / compose_file).read_text())["services"]
    ports = [port for service in services.values() for port in service.get("ports", [])]
    # Compose's own interpolation, for the one form these files use: ${NAME:-default}.
    return [re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: env.get(m.group(1)) or m.group(2), p) for p in ports]


def test_compose_publishes_ports_on_localhost_unless_told_otherwise():
    ports = published_ports("compose.yaml", {})
    assert ports and all(port.startswith("127.0.0.1:") for port in ports), ports
    assert all(port.startswith("0.0.0.0:") for port in published_ports("compose.yaml", {"PUBLISH_ADDRESS": "0.0.0.0"}))
    assert not published_ports("compose.host-db.yaml", {})
