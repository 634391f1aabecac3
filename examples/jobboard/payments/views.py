import logging
from decimal import Decimal, InvalidOperation
import uuid

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from accounts.permissions import IsRecruiter
from core.schema import operation

from .chapa import ChapaClient, ChapaError
from .models import Payment
from .serializers import PaymentInitializeSerializer, PaymentSerializer

logger = logging.getLogger("jobboard.payments")


class PaymentGatewayError(APIException):
    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = "The payment provider is not available. Try again later."
    default_code = "payment_gateway_error"


def get_client() -> ChapaClient:
    """One place to build the client, so tests can patch it if they need to."""
    return ChapaClient()


# --8<-- [start:payment-initialize]
class PaymentInitializeView(generics.GenericAPIView):
    """POST /api/payments/initialize/ -> {tx_ref, checkout_url} for the browser redirect."""

    serializer_class = PaymentInitializeSerializer
    permission_classes = [permissions.IsAuthenticated, IsRecruiter]

    @operation("Start a payment", "A recruiter pays to feature one of their own jobs: send its id. "
               "The server sets the amount and currency; the response shows them. Creates a pending "
               "payment and asks Chapa for a checkout page; send the browser to `checkout_url`.",
               {201: PaymentSerializer}, raises={502: ["payment_gateway_error"]})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Save first: the row exists (pending) even if Chapa fails, for auditing. What is paid
        # for and how much are the server's decision: the body only names one of your own jobs.
        payment = Payment.objects.create(
            user=request.user,
            job=serializer.validated_data["job"],
            amount=settings.JOB_FEATURE_PRICE,
            currency=settings.JOB_FEATURE_CURRENCY,
            tx_ref=f"nexus-{uuid.uuid4().hex}",  # unique, and not guessable
        )
        try:
            checkout = get_client().initialize(
                amount=payment.amount, currency=payment.currency, email=request.user.email,
                tx_ref=payment.tx_ref, first_name=request.user.first_name,
                last_name=request.user.last_name, callback_url=settings.CHAPA_CALLBACK_URL,
                return_url=settings.CHAPA_RETURN_URL,
            )
        except ChapaError as exc:
            logger.warning("chapa initialize failed tx_ref=%s: %s", payment.tx_ref, exc)
            payment.status = Payment.Status.FAILED
            payment.save(update_fields=["status", "updated_at"])
            raise PaymentGatewayError() from exc
        payment.checkout_url = checkout.checkout_url
        payment.save(update_fields=["checkout_url", "updated_at"])
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)
# --8<-- [end:payment-initialize]


@extend_schema_view(get=operation(
    "Check a payment", "Asks Chapa for the real status of a pending payment and returns it. "
    "Public: Chapa's callback reaches the same code.", {200: PaymentSerializer}, raises={502: ["payment_gateway_error"]}))
# --8<-- [start:payment-verify]
class PaymentVerifyView(generics.GenericAPIView):
    """GET /api/payments/verify/<tx_ref>/ - ask Chapa for the real status.

    Chapa also calls callback_url (/api/payments/callback/?tx_ref=...) after a
    payment. Never trust that query string: the status is whatever the verify
    API says, and a payment only succeeds when amount and currency match ours.
    """

    serializer_class = PaymentSerializer
    permission_classes = [permissions.AllowAny]  # reached by Chapa's callback
    queryset = Payment.objects.all()
    lookup_field = "tx_ref"

    def get(self, request, tx_ref: str | None = None):
        if tx_ref is None:  # the callback: Chapa sends ?tx_ref= (older integrations read ?trx_ref=)
            tx_ref = request.query_params.get("tx_ref") or request.query_params.get("trx_ref", "")
            self.kwargs["tx_ref"] = tx_ref
        payment = self.get_object()  # 404 in the error format for unknown refs
        if payment.status == Payment.Status.PENDING:
            try:
                data = get_client().verify(payment.tx_ref)
            except ChapaError as exc:
                logger.warning("chapa verify failed tx_ref=%s: %s", payment.tx_ref, exc)
                raise PaymentGatewayError() from exc
            payment.status = self.outcome(payment, data)
            payment.save(update_fields=["status", "updated_at"])
        return Response(self.get_serializer(payment).data)

    @staticmethod
    def outcome(payment, data) -> str:
        """Success only if Chapa says so for our reference, amount and currency."""
        chapa_status = data.get("status")
        if chapa_status == "pending":
            return Payment.Status.PENDING  # the customer has not paid yet
        try:
            same_amount = Decimal(str(data.get("amount"))) == payment.amount
        except (InvalidOperation, TypeError):
            same_amount = False
        paid = (chapa_status == "success" and str(data.get("tx_ref")) == payment.tx_ref
                and same_amount and data.get("currency") == payment.currency)
        return Payment.Status.SUCCESS if paid else Payment.Status.FAILED
# --8<-- [end:payment-verify]


@extend_schema_view(get=operation(
    "Chapa's callback", "Chapa calls this after a payment with `?tx_ref=` (and `status`, `ref_id`). "
    "The query string is never trusted: the status comes from Chapa's verify API.", {200: PaymentSerializer},
    raises={404: ["not_found"], 502: ["payment_gateway_error"]},
    parameters=[
        OpenApiParameter("tx_ref", str, description="The payment's reference, as Chapa's callback sends it."),
        OpenApiParameter("trx_ref", str, deprecated=True, description=(
            "The same reference under the name older Chapa integrations read; used only when "
            "`tx_ref` is missing. Send `tx_ref`.")),
    ]))
class PaymentCallbackView(PaymentVerifyView):
    """The callback route, documented apart from verify: same code, reference in the query string."""
