from django.apps import AppConfig


class DrfCookConfig(AppConfig):
    """docs/howto/drf.md: Django REST Framework recipes the Job Board does not show."""
    name = "cookbook.drfcook"
    label = "cookbook_drf"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import auth  # noqa: F401  registers the OpenAPI extension of ApiKeyAuthentication
