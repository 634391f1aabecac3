"""Environment variables are strings: a naive read versus the Job Board's env_bool."""

import os


def env_bool(name: str, default: bool = False) -> bool:
    """The same helper as examples/jobboard/config/settings.py (which needs Django to import)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


os.environ["DJANGO_DEBUG"] = "False"  # what the production platform sets

naive = bool(os.environ.get("DJANGO_DEBUG", False))
print("naive:", naive, "env_bool:", env_bool("DJANGO_DEBUG"))
