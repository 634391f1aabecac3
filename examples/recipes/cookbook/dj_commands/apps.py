from django.apps import AppConfig


class DjCommandsConfig(AppConfig):
    """docs/howto/django.md: a management command with arguments."""
    name = "cookbook.dj_commands"
    label = "cookbook_dj_commands"
