"""Ask Chapa about a transaction, and settle the payment from that answer only."""
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction

from .models import Payment


# --8<-- [start:settle]
def verify(tx_ref: str) -> dict:
    """GET /v1/transaction/verify/<tx_ref> with the secret key: Chapa's own answer."""
    response = requests.get(f"{settings.CHAPA_BASE_URL}/transaction/verify/{tx_ref}",
                            headers={"Authorization": f"Bearer {settings.CHAPA_SECRET_KEY}"}, timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def settle(tx_ref: str) -> Payment:
    """Safe to call many times, from the callback, the webhook and the return page."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(tx_ref=tx_ref)
        if payment.status != Payment.Status.PENDING:
            return payment  # already settled: a repeated signal changes nothing
        data = verify(tx_ref)
        matches = (str(data.get("tx_ref")) == payment.tx_ref
                   and Decimal(str(data.get("amount"))) == payment.amount
                   and data.get("currency") == payment.currency)
        if data.get("status") == "success" and matches:
            payment.status = Payment.Status.PAID
        elif data.get("status") == "failed" or not matches:
            payment.status = Payment.Status.FAILED
        # anything else ("pending"): leave it pending, the customer may still pay
        payment.save(update_fields=["status"])
        return payment
# --8<-- [end:settle]
