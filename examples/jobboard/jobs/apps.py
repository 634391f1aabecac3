from django.apps import AppConfig


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"

    def ready(self) -> None:
        # Signal receivers live in jobs/signals.py; importing connects them.
        from . import signals  # noqa: F401
