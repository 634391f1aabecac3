"""Refuse to serve with unsafe secrets: the check the WSGI and ASGI entry points run first.

With DEBUG on (bin/run, your laptop) the committed development keys are fine. With DEBUG off
the process is a deployment, and a key that is in this repository (the fallbacks in
settings.py, the placeholder in .env.example) is a key everybody has: anyone could sign a JWT
for any user, or forge a session. So the server stops with a message that names the setting,
instead of starting and trusting forged tokens.
"""
from django.core.exceptions import ImproperlyConfigured

# Every value this repository publishes for a secret. tests/test_safety.py checks that the
# fallbacks in settings.py and every secret in .env.example are in this set.
COMMITTED_SECRETS = frozenset({
    "django-insecure-jobboard-local-development-key-change-me",
    "django-insecure-jobboard-local-development-jwt-key-change-me",
    "change-me-to-a-long-random-string-of-at-least-50-characters",
    "change-me-to-another-long-random-string-of-at-least-50-characters",
})
HOW_TO_MAKE_ONE = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def weakness(value: str) -> str | None:
    """Why a secret is unsafe, or None. The length and variety rules are Django's own
    (security.W009 in `manage.py check --deploy`); the placeholders are ours."""
    if value in COMMITTED_SECRETS or "change-me" in value:
        return "is a placeholder committed in this repository"
    if value.startswith("django-insecure"):
        return "starts with 'django-insecure'"
    if len(value) < 50 or len(set(value)) < 5:
        return "is shorter than 50 characters or has fewer than 5 different characters"
    return None


def unsafe_settings(settings) -> list[str]:
    """One sentence per unsafe secret; empty when the settings are safe to serve with."""
    if settings.DEBUG:
        return []
    problems = []
    for name, env, value in (("SECRET_KEY", "DJANGO_SECRET_KEY", settings.SECRET_KEY),
                             ("JWT_SIGNING_KEY", "JWT_SIGNING_KEY", settings.JWT_SIGNING_KEY)):
        why = weakness(value or "")
        if why:
            problems.append(f"{name} {why}. Set {env} to a new random value ({HOW_TO_MAKE_ONE}).")
    if settings.JWT_SIGNING_KEY == settings.SECRET_KEY:
        problems.append("JWT_SIGNING_KEY is the same as SECRET_KEY. Give each its own random value.")
    return problems


def refuse_unsafe_settings() -> None:
    """Raise ImproperlyConfigured, naming every unsafe secret, when DEBUG is off."""
    from django.conf import settings

    problems = unsafe_settings(settings)
    if problems:
        raise ImproperlyConfigured(
            "The Job Board refuses to start with DEBUG off: " + " ".join(problems))
