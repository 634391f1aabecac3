"""Tests of the Chapa recipes (docs/howto/chapa.md): Chapa's API is mocked with `responses`."""
import hashlib
import hmac
import json
from decimal import Decimal

import pytest
import responses
from django.test import Client

from cookbook.chapacook.models import Payment

pytestmark = pytest.mark.django_db
BASE = "https://api.chapa.co/v1"
SECRET = "test-webhook-secret-hash"


@pytest.fixture(autouse=True)
def chapa_settings(settings):
    settings.CHAPA_BASE_URL = BASE
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-not-a-real-key"
    settings.CHAPA_WEBHOOK_SECRET = SECRET


@pytest.fixture
def payment():
    return Payment.objects.create(tx_ref="nexus-7f3a9c", amount=Decimal("250.00"), currency="ETB")


def chapa_says(status="success", amount="250.00", currency="ETB", tx_ref="nexus-7f3a9c"):
    responses.add(responses.GET, f"{BASE}/transaction/verify/{tx_ref}", json={
        "message": "Payment details", "status": "success",
        "data": {"status": status, "amount": amount, "currency": currency, "tx_ref": tx_ref}})


@responses.activate
@pytest.mark.parametrize("parameter", ["tx_ref", "trx_ref"])
def test_callback_verifies_before_marking_paid(payment, parameter):
    chapa_says("success")
    response = Client().get("/chapacook/callback/", {parameter: payment.tx_ref, "status": "success"})
    assert response.json() == {"tx_ref": "nexus-7f3a9c", "status": "paid"}
    assert responses.calls[0].request.headers["Authorization"] == "Bearer CHASECK_TEST-not-a-real-key"


@responses.activate
def test_forged_callback_changes_nothing(payment):
    chapa_says("pending")  # the customer has not paid, whatever the URL claims
    response = Client().get("/chapacook/callback/", {"tx_ref": payment.tx_ref, "status": "success"})
    assert response.json()["status"] == "pending"


@responses.activate
def test_wrong_amount_is_not_paid(payment):
    chapa_says("success", amount="2.50")
    assert Client().get("/chapacook/callback/", {"tx_ref": payment.tx_ref}).json()["status"] == "failed"


@responses.activate
def test_repeated_signals_call_chapa_once(payment):
    chapa_says("success")
    for _ in range(3):
        Client().get("/chapacook/callback/", {"tx_ref": payment.tx_ref})
    assert len(responses.calls) == 1  # settled once; later signals find it paid


def test_callback_without_reference_or_unknown(payment):
    assert Client().get("/chapacook/callback/").status_code == 400
    assert Client().get("/chapacook/callback/", {"tx_ref": "nexus-unknown"}).status_code == 404


def signed(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


@responses.activate
def test_webhook_with_a_valid_signature(payment):
    chapa_says("success")
    body = b'{"event": "charge.success", "tx_ref": "nexus-7f3a9c", "status": "success"}'
    response = Client().post("/chapacook/webhook/", body, content_type="application/json",
                             HTTP_X_CHAPA_SIGNATURE=signed(body))
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_webhook_with_a_bad_signature(payment):
    body = b'{"event": "charge.success", "tx_ref": "nexus-7f3a9c"}'
    for headers in ({"HTTP_X_CHAPA_SIGNATURE": "0" * 64},       # wrong value
                    {"HTTP_X_CHAPA_SIGNATURE": signed(body[:-1])},  # signs other bytes
                    {"HTTP_X_CHAPA_SIGNATURE": "é" * 64},          # not hex at all: 401, not a crash
                    {},                                            # no signature
                    # Chapa-Signature is the HMAC of the secret itself: it does not cover the body.
                    {"HTTP_CHAPA_SIGNATURE": hmac.new(SECRET.encode(), SECRET.encode(), hashlib.sha256).hexdigest()}):
        response = Client().post("/chapacook/webhook/", body, content_type="application/json", **headers)
        assert response.status_code == 401, headers
    payment.refresh_from_db()
    assert payment.status == "pending"


@responses.activate
def test_webhook_with_tx_ref_inside_data(payment):
    chapa_says("success")
    body = b'{"event": "charge.success", "data": {"tx_ref": "nexus-7f3a9c", "status": "success"}}'
    response = Client().post("/chapacook/webhook/", body, content_type="application/json",
                             HTTP_X_CHAPA_SIGNATURE=signed(body))
    assert response.status_code == 200 and Payment.objects.get().status == "paid"


def test_signature_of_reserialized_json_does_not_match():
    """The symptom: hashing json.dumps(parsed) instead of the raw bytes gives another signature."""
    raw = b'{"event":"charge.success","tx_ref":"nexus-7f3a9c"}'  # as sent: no spaces
    from cookbook.chapacook.views import signature_is_valid
    assert signature_is_valid(raw, signed(raw))
    reserialized = json.dumps(json.loads(raw)).encode()  # adds spaces after ":" and ","
    assert reserialized != raw and not signature_is_valid(reserialized, signed(raw))
