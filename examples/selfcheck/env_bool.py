"""Environment variables are strings: a naive read versus the Job Board's env_bool."""

import os


def env_bool(name: str, default: bool = False) -> bool:
    """A copy of env_bool in examples/jobboard/config/settings.py (which needs Django to import);
    a Job Board test checks that the two agree."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


if __name__ == "__main__":
    os.environ["DJANGO_DEBUG"] = "False"  # what the production platform sets

    naive = bool(os.environ.get("DJANGO_DEBUG", False))
    print("naive:", naive, "env_bool:", env_bool("DJANGO_DEBUG"))
