# --8<-- [start:receiver]
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="dj_signals_create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Give every new user a profile. `raw` is True while loaddata loads a fixture."""
    if created and not raw:
        Profile.objects.create(user=instance)
# --8<-- [end:receiver]
