from django.apps import AppConfig


class ChapaCookConfig(AppConfig):
    """docs/howto/chapa.md: Chapa callback and webhook handling, tested offline."""
    name = "cookbook.chapacook"
    label = "cookbook_chapa"
    default_auto_field = "django.db.models.BigAutoField"
