from django.apps import AppConfig


class DjStaticConfig(AppConfig):
    """docs/howto/django.md: serve static files with DEBUG off (WhiteNoise)."""
    name = "cookbook.dj_static"
    label = "cookbook_dj_static"
