"""One rate limit per action, shared by every route to that action.

Applying is reachable three ways: POST /api/jobs/{id}/apply/, POST /api/applications/ and the
GraphQL applyToJob mutation. All three count in the same django-ratelimit group with the same
key and rate, so switching from REST to GraphQL (or back) never buys a fresh allowance.
"""
from django.conf import settings
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited


def apply_rate(group, request) -> str:
    """Read the limit at request time so tests and deployments can change it."""
    return settings.RATELIMIT_APPLY


# --8<-- [start:apply-limit]
# The REST views pass these to @ratelimit; the GraphQL mutation to check_limit() below.
APPLY_LIMIT = {"group": "apply", "key": "user_or_ip", "rate": apply_rate, "method": "POST"}


def check_limit(request, limit: dict) -> None:
    """Count one request against `limit`; over it, raise Ratelimited as @ratelimit does."""
    if is_ratelimited(request, increment=True, **limit):
        raise Ratelimited()
# --8<-- [end:apply-limit]
