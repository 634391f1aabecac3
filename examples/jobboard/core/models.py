from django.db import models


# --8<-- [start:blocked-ip-model]
class BlockedIP(models.Model):
    """A client address that IPBlocklistMiddleware refuses with 403."""

    ip_address = models.GenericIPAddressField(unique=True)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "blocked IP"
        verbose_name_plural = "blocked IPs"

    def __str__(self) -> str:
        return self.ip_address
# --8<-- [end:blocked-ip-model]
