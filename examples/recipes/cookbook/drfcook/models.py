"""Small models for the DRF recipes (docs/howto/drf.md)."""
from django.conf import settings
from django.db import models


class Note(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cookbook_notes")
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    priority = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]  # a stable order: pages never repeat or skip rows


class Attachment(models.Model):
    file = models.FileField(upload_to="cookbook/attachments/")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class Order(models.Model):
    customer = models.CharField(max_length=100)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.CharField(max_length=100)
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]


# --8<-- [start:idempotency-model]
class IdempotencyRecord(models.Model):
    """The first answer to a POST, kept under the client's Idempotency-Key."""
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of the request data
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="cookbook_idempotency_once")]
# --8<-- [end:idempotency-model]
