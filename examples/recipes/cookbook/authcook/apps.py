from django.apps import AppConfig


class AuthCookConfig(AppConfig):
    """docs/howto/auth.md: login by email, logout with a blacklist, custom claims, password reset."""
    name = "cookbook.authcook"
    label = "cookbook_auth"
    default_auto_field = "django.db.models.BigAutoField"
