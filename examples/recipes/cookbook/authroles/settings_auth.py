"""Settings fragments the recipes show; the tests apply them with override_settings."""

# --8<-- [start:password-validators]
AUTH_PASSWORD_VALIDATORS = [   # startproject writes these four; an empty list checks nothing
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --8<-- [end:password-validators]

# --8<-- [start:login-required-middleware]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",  # Django 5.1+, after AuthenticationMiddleware
    "django.contrib.messages.middleware.MessageMiddleware",
]
LOGIN_URL = "/authroles/login/"   # where anonymous visitors are sent, with ?next=<the page>
# --8<-- [end:login-required-middleware]

# --8<-- [start:backends]
AUTHENTICATION_BACKENDS = [
    "cookbook.authcook.backends.EmailBackend",     # your own backend first...
    "django.contrib.auth.backends.ModelBackend",   # ...and Django's: username logins and the admin
]
# --8<-- [end:backends]
