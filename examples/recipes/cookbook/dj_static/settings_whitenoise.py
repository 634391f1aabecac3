"""The settings the WhiteNoise recipe adds to a project's settings.py (docs/howto/django.md).
The test applies them with override_settings; in a project they live in settings.py."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# --8<-- [start:settings]
DEBUG = False
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"  # collectstatic copies every app's files here

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # right after SecurityMiddleware
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (site.3f2a1c.css) that browsers may cache for ever, plus gzip copies
    # (and Brotli copies when the Brotli package is installed).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# --8<-- [end:settings]
