"""The settings of the CORS recipe (docs/howto/drf.md#drf-cors-setup), read by its test."""

# --8<-- [start:cors-settings]
# pip install django-cors-headers==4.9.0; INSTALLED_APPS += ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # first, or at least above CommonMiddleware
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
CORS_ALLOWED_ORIGINS = [
    "http://localhost:5173",    # scheme + host + port, exactly as the browser shows it,
    "https://app.example.com",  # no path and no trailing slash
]
# Only if the frontend sends cookies (session login) with credentials: "include":
CORS_ALLOW_CREDENTIALS = True
CSRF_TRUSTED_ORIGINS = ["https://app.example.com"]
# --8<-- [end:cors-settings]

# --8<-- [start:cors-extra-headers]
from corsheaders.defaults import default_headers  # noqa: E402

CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key")  # request headers the page may send
CORS_EXPOSE_HEADERS = ["Retry-After"]                        # response headers the page may read
# --8<-- [end:cors-extra-headers]
