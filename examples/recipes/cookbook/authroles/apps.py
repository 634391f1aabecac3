from django.apps import AppConfig


class AuthRolesConfig(AppConfig):
    """docs/howto/auth.md and docs/troubleshooting/auth.md: groups, custom permissions, password
    change and strength, login on every page, and the AnonymousUser errors."""
    name = "cookbook.authroles"
    label = "authroles"
    default_auto_field = "django.db.models.BigAutoField"
