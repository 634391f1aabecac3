"""The TEMPLATES setting of the error-pages recipe (docs/howto/django.md)."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# --8<-- [start:templates]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "site_templates"],  # holds 404.html and 500.html at its top level
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
# --8<-- [end:templates]
