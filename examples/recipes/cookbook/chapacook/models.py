"""A payment row for the Chapa recipes (docs/howto/chapa.md)."""
from django.db import models


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"
        FAILED = "failed"

    tx_ref = models.CharField(max_length=64, unique=True)  # your reference, sent to Chapa at initialize
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="ETB")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
