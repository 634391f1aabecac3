"""Chapa client and payment views, with HTTP mocked by `responses` (no network)."""
from decimal import Decimal

import pytest
import requests
import responses
from django.db.models import ProtectedError

from payments.chapa import ChapaAPIError, ChapaClient, ChapaConfigError, ChapaNetworkError
from payments.models import Payment

from .conftest import assert_error

INIT_URL = "https://api.chapa.co/v1/transaction/initialize"
VERIFY_URL = "https://api.chapa.co/v1/transaction/verify/"
CHECKOUT = "https://checkout.chapa.co/checkout/payment/abc123"


@pytest.fixture(autouse=True)
def chapa_key(settings):
    settings.CHAPA_SECRET_KEY = "CHASECK_TEST-example"


# --8<-- [start:test-chapa-mocked]
@responses.activate
def test_initialize_returns_checkout_url_and_sends_bearer_key():
    responses.post(
        INIT_URL,
        json={"message": "Hosted Link", "status": "success", "data": {"checkout_url": CHECKOUT}},
        match=[responses.matchers.header_matcher({"Authorization": "Bearer CHASECK_TEST-example"})],
    )

    checkout = ChapaClient().initialize(
        amount=Decimal("250.00"), currency="ETB", email="abel@example.com", tx_ref="tx-1",
        callback_url="https://example.com/cb", return_url="https://example.com/done",
    )

    assert checkout.checkout_url == CHECKOUT
    sent = responses.calls[0].request
    assert b'"tx_ref": "tx-1"' in sent.body and b'"amount": "250.00"' in sent.body


@responses.activate
def test_chapa_error_status_raises_typed_error():
    responses.post(INIT_URL, status=401, json={"message": "Invalid API Key", "status": "failed"})

    with pytest.raises(ChapaAPIError) as excinfo:
        ChapaClient().initialize(amount=Decimal("1"), currency="ETB", email="a@example.com",
                                 tx_ref="tx-2", callback_url="https://e.com", return_url="https://e.com")

    assert excinfo.value.status_code == 401
    assert str(excinfo.value) == "Invalid API Key"
# --8<-- [end:test-chapa-mocked]


@responses.activate
def test_timeout_raises_network_error():
    responses.get(VERIFY_URL + "tx-3", body=requests.Timeout("slow"))
    with pytest.raises(ChapaNetworkError):
        ChapaClient(timeout=0.1).verify("tx-3")


@responses.activate
def test_failed_body_and_bad_json_raise_api_error():
    responses.get(VERIFY_URL + "tx-4", json={"status": "failed", "message": "Invalid transaction"})
    responses.get(VERIFY_URL + "tx-5", body="<html>oops</html>")
    with pytest.raises(ChapaAPIError, match="Invalid transaction"):
        ChapaClient().verify("tx-4")
    with pytest.raises(ChapaAPIError, match="invalid JSON"):
        ChapaClient().verify("tx-5")


def test_missing_secret_key_raises_config_error(settings):
    settings.CHAPA_SECRET_KEY = ""
    with pytest.raises(ChapaConfigError):
        ChapaClient()


@pytest.mark.django_db
@responses.activate
def test_initialize_view_creates_pending_payment(recruiter_client, job):
    responses.post(INIT_URL, json={"status": "success", "message": "Hosted Link",
                                   "data": {"checkout_url": CHECKOUT}})
    response = recruiter_client.post("/api/payments/initialize/", {"job": job.pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["checkout_url"] == CHECKOUT and body["status"] == "pending"
    assert body["tx_ref"].startswith("nexus-")
    assert Payment.objects.get(tx_ref=body["tx_ref"]).status == "pending"


@pytest.mark.django_db
@responses.activate
def test_initialize_view_gateway_failure_is_502_and_marks_failed(recruiter_client, job):
    responses.post(INIT_URL, status=500, json={"message": "Server error"})
    response = recruiter_client.post("/api/payments/initialize/", {"job": job.pk}, format="json")
    assert_error(response, 502, "payment_gateway_error")
    assert Payment.objects.get().status == "failed"


@pytest.mark.django_db
def test_initialize_view_validates_input(recruiter_client, applicant_client, anon, job):
    assert_error(recruiter_client.post("/api/payments/initialize/", {}, format="json"), 400, "validation_error")
    assert_error(recruiter_client.post("/api/payments/initialize/", {"job": "x"}, format="json"),
                 400, "validation_error")
    assert_error(applicant_client.post("/api/payments/initialize/", {"job": job.pk}, format="json"),
                 403, "permission_denied")
    assert_error(anon.post("/api/payments/initialize/", {"job": job.pk}, format="json"), 401)


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize(("chapa_status", "expected"), [("success", "success"), ("failed", "failed")])
def test_verify_view_updates_status(anon, recruiter, chapa_status, expected):
    Payment.objects.create(user=recruiter, amount=Decimal("5"), tx_ref="nexus-abc")
    responses.get(VERIFY_URL + "nexus-abc", json={
        "message": "Payment details", "status": "success",
        "data": {"status": chapa_status, "tx_ref": "nexus-abc", "amount": "5.00", "currency": "ETB"},
    })
    response = anon.get("/api/payments/verify/nexus-abc/")
    assert response.status_code == 200
    assert response.json()["status"] == expected
    assert Payment.objects.get(tx_ref="nexus-abc").status == expected


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize(("data", "expected"), [
    ({"status": "pending", "amount": "5.00", "currency": "ETB"}, "pending"),
    ({"status": "success", "amount": "1.00", "currency": "ETB"}, "failed"),
    ({"status": "success", "amount": "5.00", "currency": "USD"}, "failed"),
    ({"status": "success", "amount": "five", "currency": "ETB"}, "failed"),
])
def test_verify_trusts_only_matching_amount_and_currency(anon, recruiter, data, expected):
    Payment.objects.create(user=recruiter, amount=Decimal("5"), tx_ref="nexus-amt")
    responses.get(VERIFY_URL + "nexus-amt", json={"status": "success", "data": {"tx_ref": "nexus-amt", **data}})
    assert anon.get("/api/payments/verify/nexus-amt/").json()["status"] == expected


@pytest.mark.django_db
@responses.activate
@pytest.mark.parametrize("query", ["tx_ref=nexus-cb&ref_id=APabc&status=success",   # Chapa's docs today
                                   "trx_ref=nexus-cb&status=success",                 # older integrations
                                   "tx_ref=nexus-cb&trx_ref=nexus-other"])            # tx_ref wins
def test_chapa_callback_verifies_the_reference_in_the_query(anon, recruiter, query):
    Payment.objects.create(user=recruiter, amount=Decimal("5"), tx_ref="nexus-cb")
    Payment.objects.create(user=recruiter, amount=Decimal("5"), tx_ref="nexus-other")
    responses.get(VERIFY_URL + "nexus-cb", json={"status": "success", "data": {
        "status": "success", "tx_ref": "nexus-cb", "amount": "5.00", "currency": "ETB"}})
    response = anon.get(f"/api/payments/callback/?{query}")
    assert response.status_code == 200 and response.json()["tx_ref"] == "nexus-cb"
    assert response.json()["status"] == "success"
    assert Payment.objects.get(tx_ref="nexus-other").status == "pending"
    assert_error(anon.get("/api/payments/callback/"), 404, "not_found")


@pytest.mark.django_db
def test_verify_unknown_tx_ref_is_404(anon):
    assert_error(anon.get("/api/payments/verify/nexus-missing/"), 404, "not_found")


@pytest.mark.django_db
def test_deleting_a_user_who_paid_is_refused(recruiter):
    Payment.objects.create(user=recruiter, amount=Decimal("100.00"), tx_ref="nexus-protect-1")
    with pytest.raises(ProtectedError):  # payment records are financial history
        recruiter.delete()
    assert Payment.objects.filter(user=recruiter).exists()
