from django.apps import AppConfig


class CeleryRecipesConfig(AppConfig):
    """Celery recipes (docs/howto/celery.md, docs/howto/celery-operations.md)."""
    name = "cookbook.celery_recipes"
    label = "cookbook_celery"
