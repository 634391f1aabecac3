"""Django 5.2 settings for the Project Nexus Job Board API.

Every value that differs between a laptop, CI and production comes from an
environment variable, so the same code runs everywhere (see .env.example).
"""
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a true/false environment variable ("1", "true", "yes", "on" mean true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --8<-- [start:secret-and-hosts]
DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The fallback key is for local development and tests only; production sets DJANGO_SECRET_KEY.
# With DEBUG off the server refuses to start on it, or on any placeholder (config/safety.py).
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-jobboard-local-development-key-change-me"
)
# The key that signs JWTs is its own secret: rotating it logs everybody out without touching
# sessions, password-reset links or anything else SECRET_KEY signs, and the reverse.
JWT_SIGNING_KEY = os.environ.get(
    "JWT_SIGNING_KEY", "django-insecure-jobboard-local-development-jwt-key-change-me"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# --8<-- [end:secret-and-hosts]

# --8<-- [start:installed-apps]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Third-party apps
    "rest_framework",
    "rest_framework_simplejwt",
    "django_filters",
    "drf_spectacular",
    "graphene_django",
    "django_ratelimit",  # registers its cache system checks
    "corsheaders",  # lets a frontend on another origin call the API (CORS_ALLOWED_ORIGINS)
    # Project apps (each one is a top-level Python package)
    "accounts",
    "core",
    "jobs.apps.JobsConfig",  # its ready() connects the signal receivers
    "payments",
]

AUTH_USER_MODEL = "accounts.User"  # set before the first migration, never later
# --8<-- [end:installed-apps]

# --8<-- [start:middleware-settings]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS headers go on every response, the 403 and 429 that the next two send included,
    # so a frontend on another origin can read those errors too.
    "corsheaders.middleware.CorsMiddleware",
    # Log every request (method, path, status, duration) and turn a
    # django-ratelimit Ratelimited exception into a 429 for plain Django views.
    "core.middleware.RequestLoggingMiddleware",
    # Refuse blocked client IPs early, before sessions, auth and views run.
    "core.middleware.IPBlocklistMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# --8<-- [start:cors-settings]
# A browser lets a page from another origin (a React or Vue dev server on :5173) read the API's
# responses only if the API names that origin. List each frontend origin exactly; never allow
# every origin. The API uses bearer tokens, not cookies, so no credentials mode is needed.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
# Let the frontend read Retry-After on a 429 (browsers hide non-simple headers otherwise).
CORS_EXPOSE_HEADERS = ["Retry-After"]
# --8<-- [end:cors-settings]

# Only trust X-Forwarded-For when one proxy you control (load balancer, ingress)
# sits in front and writes it. Otherwise any client could send a fake header and dodge the
# blocklist and the rate limits, so the default is REMOTE_ADDR.
BEHIND_TRUSTED_PROXY = env_bool("BEHIND_TRUSTED_PROXY", default=False)
BLOCKLIST_CACHE_SECONDS = int(os.environ.get("BLOCKLIST_CACHE_SECONDS", "60"))
# --8<-- [end:middleware-settings]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --8<-- [start:database-settings]
# DATABASE_URL, e.g. postgres://jobboard:secret@db:5432/jobboard, selects the
# database; without it the project falls back to a local SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# --8<-- [end:database-settings]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# --8<-- [start:rest-framework-settings]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    # JSON in, as the contract says: no form or multipart bodies, whose empty fields DRF reads
    # differently (an empty form field is "no value", an empty JSON string is a string).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 10,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # DRF throttling is a fairness tool, not a security measure; the login and
    # apply endpoints also use django-ratelimit (see jobs/views.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("THROTTLE_ANON", "1000/hour"),
        "user": os.environ.get("THROTTLE_USER", "5000/hour"),
    },
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.schema.JobBoardAutoSchema",
}
# --8<-- [end:rest-framework-settings]

# --8<-- [start:simplejwt-settings]
SIMPLE_JWT = {
    # Short-lived access token; the client uses the refresh token to get a new one.
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "SIGNING_KEY": JWT_SIGNING_KEY,  # its own secret, not SECRET_KEY (see above)
    "ALGORITHM": "HS256",
}
# --8<-- [end:simplejwt-settings]

SPECTACULAR_SETTINGS = {
    "TITLE": "Project Nexus Job Board API",
    "DESCRIPTION": (
        "The Project Nexus Job Board: companies, jobs, applications and Chapa payments, with JWT "
        "auth. Every error has one shape, `{\"error\": {\"code\", \"message\", \"details\"}}`. "
        "Lists are paginated (`count`, `next`, `previous`, `results`; 10 a page)."),
    "CONTACT": {"name": "Project Nexus", "url": "https://github.com/prodev-nexus/project-nexus/issues"},
    "LICENSE": {"name": "MIT", "url": "https://opensource.org/license/mit"},
    "SERVERS": [{"url": "http://127.0.0.1:8001", "description": "make example, on your machine"}],
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status` field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "jobs.models.Job.Status",
        "ApplicationStatusEnum": "jobs.models.Application.Status",
        "PaymentStatusEnum": "payments.models.Payment.Status",
    },
    # Examples recorded from real calls by tests/test_contract.py (contract/examples/).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.attach_examples",
        "core.schema.add_links",   # how operations connect (sign up -> log in -> ... -> pay)
    ],
}

GRAPHENE = {
    "SCHEMA": "jobs.schema.schema",
}
GRAPHIQL_ENABLED = DEBUG  # the in-browser IDE only in development

# --8<-- [start:cache-settings]
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": "jobboard",
            "TIMEOUT": 300,
        }
    }
else:
    # One private cache per process: fine for development and the test suite.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "jobboard",
            "TIMEOUT": 300,
        }
    }

JOB_LIST_CACHE_TTL = int(os.environ.get("JOB_LIST_CACHE_TTL", "60"))

# django-ratelimit keeps its counters in this cache; it needs atomic increments
# shared by all processes (Redis or Memcached in production).
RATELIMIT_USE_CACHE = "default"
# The same trusted-proxy rule as the middleware decides the client IP.
RATELIMIT_IP_META_KEY = "core.middleware.get_client_ip"
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_APPLY = os.environ.get("RATELIMIT_APPLY", "5/m")
RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "5/m")
if not REDIS_URL:
    # LocMem counts per process, so django-ratelimit's checks fail (error E003,
    # warning W001). Silencing them is acceptable only for development and
    # single-process tests.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# --8<-- [end:cache-settings]

# --8<-- [start:celery-settings]
# e.g. amqp://jobboard:<password>@rabbitmq:5672/jobboard (the app's own vhost). Without it, tasks
# run inline ("eager"), so development and the test suite need no RabbitMQ and no worker.
_BROKER_FROM_ENV = os.environ.get("CELERY_BROKER_URL", "")
CELERY_BROKER_URL = _BROKER_FROM_ENV or "memory://"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not _BROKER_FROM_ENV)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # re-deliver a task if the worker dies mid-way
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# --8<-- [end:celery-settings]

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jobs@nexus.example")

CHAPA_SECRET_KEY = os.environ.get("CHAPA_SECRET_KEY", "")
CHAPA_BASE_URL = os.environ.get("CHAPA_BASE_URL", "https://api.chapa.co/v1")
CHAPA_CALLBACK_URL = os.environ.get(
    "CHAPA_CALLBACK_URL", "http://127.0.0.1:8001/api/payments/callback/"
)
# Where Chapa sends the customer's browser after paying: a page of the frontend, not the API.
CHAPA_RETURN_URL = os.environ.get("CHAPA_RETURN_URL", "http://localhost:5173/payments/done")
# What featuring a job costs. The server decides the price; a client never sends an amount.
JOB_FEATURE_PRICE = Decimal(os.environ.get("JOB_FEATURE_PRICE", "500.00"))
JOB_FEATURE_CURRENCY = os.environ.get("JOB_FEATURE_CURRENCY", "ETB")

# --8<-- [start:security-settings]
# Production defaults switch on when DEBUG is off; each one can be overridden
# by an environment variable (for example SECURE_SSL_REDIRECT=false when the
# load balancer already redirects HTTP to HTTPS).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # probes call plain HTTP inside the cluster
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
if BEHIND_TRUSTED_PROXY:
    # The proxy terminates TLS and tells Django the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# --8<-- [end:security-settings]

# --8<-- [start:logging-settings]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # One line per request from core.middleware.RequestLoggingMiddleware.
        "jobboard.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
        "jobboard": {"level": os.environ.get("APP_LOG_LEVEL", "INFO")},
    },
}
# --8<-- [end:logging-settings]
