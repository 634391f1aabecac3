"""The settings the two auth recipes add to settings.py (docs/howto/django.md)."""
# --8<-- [start:redirects]
LOGIN_URL = "dj-auth-login"           # where @login_required sends anonymous users
LOGIN_REDIRECT_URL = "dj-auth-home"   # where LoginView goes after a login without ?next=
# --8<-- [end:redirects]

# --8<-- [start:backends]
AUTHENTICATION_BACKENDS = [
    "cookbook.dj_auth.backends.EmailOrUsernameBackend",
]
# --8<-- [end:backends]

# --8<-- [start:middleware-order]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",  # sets request.user
    "cookbook.dj_auth.middleware.username_header",  # reads request.user: after the line above
    "django.contrib.messages.middleware.MessageMiddleware",
]
# --8<-- [end:middleware-order]
