"""Chapa's callback and webhook (docs/howto/chapa.md)."""
import hashlib
import hmac
import json

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .chapa import settle
from .models import Payment


# --8<-- [start:callback]
@require_GET
def chapa_callback(request):
    """callback_url: Chapa calls it after a payment with the reference in the query string.

    Chapa's current docs name the parameters status, ref_id and tx_ref; older integrations
    received trx_ref, so read either. The status in the URL is ignored: settle() asks Chapa.
    """
    tx_ref = request.GET.get("tx_ref") or request.GET.get("trx_ref")
    if not tx_ref:
        return JsonResponse({"detail": "tx_ref is missing."}, status=400)
    if not Payment.objects.filter(tx_ref=tx_ref).exists():
        return JsonResponse({"detail": "Unknown tx_ref."}, status=404)
    payment = settle(tx_ref)
    return JsonResponse({"tx_ref": payment.tx_ref, "status": payment.status})
# --8<-- [end:callback]


# --8<-- [start:webhook]
def signature_is_valid(raw_body: bytes, received: str) -> bool:
    """x-chapa-signature: hex HMAC-SHA256 of the raw body, keyed with the dashboard's secret hash."""
    expected = hmac.new(settings.CHAPA_WEBHOOK_SECRET.encode(), raw_body, hashlib.sha256).hexdigest()
    # Constant time, and on bytes: a str with non-ASCII characters would make compare_digest raise.
    return hmac.compare_digest(expected.encode(), received.strip().encode())


@csrf_exempt  # Chapa cannot send your CSRF token; the signature takes its place
@require_POST
def chapa_webhook(request):
    # Only x-chapa-signature covers the body. Chapa-Signature is an HMAC of the secret itself: the
    # same on every event, so a copied header would "prove" any body. Don't accept it instead.
    received = request.headers.get("x-chapa-signature", "")
    if not signature_is_valid(request.body, received):  # request.body: the bytes as sent
        return JsonResponse({"detail": "Invalid signature."}, status=401)
    event = json.loads(request.body)
    data = event.get("data") if isinstance(event.get("data"), dict) else {}
    tx_ref = event.get("tx_ref") or data.get("tx_ref")  # top level, or inside "data"
    if tx_ref and Payment.objects.filter(tx_ref=tx_ref).exists():
        settle(tx_ref)  # the event is a hint: settle() still asks Chapa
    return JsonResponse({"received": True})  # answer 200 fast, or Chapa may retry
# --8<-- [end:webhook]
