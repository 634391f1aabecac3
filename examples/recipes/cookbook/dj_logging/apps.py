from django.apps import AppConfig


class DjLoggingConfig(AppConfig):
    """docs/howto/django.md: send your own log messages to the console."""
    name = "cookbook.dj_logging"
    label = "cookbook_dj_logging"
