"""Chapa errors from docs/troubleshooting/chapa.md, as the Job Board's client and views raise them.

Chapa itself is never called: `responses` plays its documented error answers, and the
unreachable case uses a closed port on 127.0.0.1.
"""
import logging

import pytest
import responses

from catalogue import assert_reproduces

INIT_URL = "https://api.chapa.co/v1/transaction/initialize"
# Chapa's documented answer to a wrong or revoked secret key (developer.chapa.co, "Error Codes").
INVALID_KEY = {"message": "Invalid API Key or User doesn't exist", "status": "failed", "data": None}


def start_payment(client):
    """The recruiter_client (rita) pays to feature a job of her company."""
    from accounts.models import User
    from jobs.models import Company, Job
    company = Company.objects.create(name="Acacia Labs", owner=User.objects.get(username="rita"))
    job = Job.objects.create(company=company, title="Junior Django Developer", description="Build APIs.")
    return client.post("/api/payments/initialize/", {"job": job.pk}, format="json")


def logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "jobboard.payments")


@pytest.mark.django_db
@responses.activate
def test_gateway_error_body_and_the_log_line_behind_it(recruiter_client, settings, caplog):
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-revoked"
    responses.post(INIT_URL, status=401, json=INVALID_KEY)
    with caplog.at_level(logging.WARNING, logger="jobboard.payments"):
        response = start_payment(recruiter_client)
    assert response.status_code == 502
    assert_reproduces(response.content.decode(), "chapa/gateway-error-502")
    # The browser sees only the 502; the reason is in the server log.
    assert logged(caplog).endswith(": Invalid API Key or User doesn't exist")


@pytest.mark.django_db
def test_missing_secret_key(recruiter_client, settings, caplog):
    settings.CHAPA_SECRET_KEY = ""
    with caplog.at_level(logging.WARNING, logger="jobboard.payments"):
        assert start_payment(recruiter_client).status_code == 502
    assert_reproduces(logged(caplog), "chapa/missing-secret-key")


@pytest.mark.django_db
def test_chapa_unreachable(recruiter_client, settings, caplog):
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-example"
    settings.CHAPA_BASE_URL = "http://127.0.0.1:9/v1"  # port 9 (discard): nothing listens
    with caplog.at_level(logging.WARNING, logger="jobboard.payments"):
        assert start_payment(recruiter_client).status_code == 502
    assert_reproduces(logged(caplog), "chapa/unreachable")


@pytest.mark.django_db
def test_callback_url_without_tx_ref_is_404(anon):
    # CHAPA_CALLBACK_URL set to /api/payments/verify/: Chapa appends ?tx_ref=..., but that
    # route needs the reference in the path, so no URL matches.
    response = anon.get("/api/payments/verify/?tx_ref=nexus-0123456789abcdef&ref_id=APabc&status=success")
    assert response.status_code == 404
    assert_reproduces(response.content.decode(), "chapa/callback-404")
