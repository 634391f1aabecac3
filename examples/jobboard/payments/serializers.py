from decimal import Decimal

from rest_framework import serializers

from jobs.models import Job

from .models import Payment


class PaymentInitializeSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("1.00"))
    currency = serializers.ChoiceField(choices=["ETB", "USD"], default="ETB")
    job = serializers.PrimaryKeyRelatedField(queryset=Job.objects.all(), required=False, allow_null=True)


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "tx_ref", "amount", "currency", "status", "checkout_url", "job", "created_at"]
        read_only_fields = fields
