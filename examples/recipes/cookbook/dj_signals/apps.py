# --8<-- [start:apps]
from django.apps import AppConfig


class DjSignalsConfig(AppConfig):
    name = "cookbook.dj_signals"
    label = "cookbook_dj_signals"

    def ready(self):
        # Importing the module runs its @receiver decorators, which connect the receivers.
        # Without this line nothing imports signals.py, and the receivers never run.
        from . import signals  # noqa: F401
# --8<-- [end:apps]
