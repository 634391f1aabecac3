"""Settings for the recipes' test project: SQLite in memory (or DATABASE_URL in the services tier),
and every folder under cookbook/ that has an apps.py installed as an app, so a new recipe needs no
edit here."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "recipes-tests-only"   # never deployed: the test project of docs/howto/
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True
TIME_ZONE = "UTC"

COOKBOOK = sorted(f"cookbook.{path.parent.name}" for path in (BASE_DIR / "cookbook").glob("*/apps.py"))
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "graphene_django",
    # Installed for docs/howto/drf.md and auth.md: Swagger UI, CORS and the JWT blacklist.
    "drf_spectacular",
    "corsheaders",
    "rest_framework_simplejwt.token_blacklist",
    *COOKBOOK,
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "recipes_site.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL")
             else {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "static/"
