"""Forget the cached blocklist as soon as an admin changes it."""
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .middleware import BLOCKLIST_CACHE_KEY
from .models import BlockedIP


@receiver([post_save, post_delete], sender=BlockedIP, dispatch_uid="core-blocklist-invalidate")
def invalidate_blocklist(sender, **kwargs) -> None:
    cache.delete(BLOCKLIST_CACHE_KEY)
