from rest_framework import serializers

from core.serializers import JSONSerializer
from jobs.models import Job

from .models import Payment


class OwnJobField(serializers.PrimaryKeyRelatedField):
    """A job of a company the requesting user owns. Any other id, a draft of another company
    included, is "does not exist", exactly like an id that was never used."""

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return Job.objects.none()
        return Job.objects.filter(company__owner=user)


class PaymentInitializeSerializer(JSONSerializer):
    """The client says what it wants to pay for; the server decides the amount and currency."""

    job = OwnJobField(queryset=Job.objects.none(),
                      help_text="The job to feature: one of your own companies' jobs. The price is the "
                                "server's (`JOB_FEATURE_PRICE`), never the client's.")


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "tx_ref", "amount", "currency", "status", "checkout_url", "job", "created_at"]
        read_only_fields = fields
