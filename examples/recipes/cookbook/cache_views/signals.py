# --8<-- [start:signals]
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import invalidate_articles
from .models import Article


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, **kwargs):
    # Runs on save() and delete(); NOT on QuerySet.update() or bulk_create():
    # call invalidate_articles() yourself after those.
    invalidate_articles()
# --8<-- [end:signals]
