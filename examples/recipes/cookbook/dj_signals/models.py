# --8<-- [start:model]
from django.conf import settings
from django.db import models


class Profile(models.Model):
    """Extra data about a user, one row per user (a 'profile model')."""
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile")
    bio = models.TextField(blank=True)
    city = models.CharField(max_length=80, blank=True)
# --8<-- [end:model]
