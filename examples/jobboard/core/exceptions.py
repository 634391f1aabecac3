"""Custom DRF exception handler: every API error has the same JSON shape."""
import logging

from django.conf import settings
from django.db import IntegrityError
from django.http import Http404
from django_ratelimit.exceptions import Ratelimited
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .errors import error_payload

logger = logging.getLogger("jobboard.errors")


class ConflictError(exceptions.APIException):
    """409: the request clashes with the current state (e.g. a duplicate application)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with existing data."
    default_code = "conflict"


# --8<-- [start:exception-handler]
def api_exception_handler(exc, context):
    """Turn any DRF/Django exception into {"error": {"code", "message", "details"}}."""
    if isinstance(exc, Ratelimited):  # check first: Ratelimited subclasses PermissionDenied
        return ratelimited_response()
    if isinstance(exc, IntegrityError):
        # Any constraint (unique, FK, NOT NULL, CHECK) becomes a 409, never a 500;
        # the duplicate-application race is the case this is meant for.
        exc = ConflictError()

    response = exception_handler(exc, context)  # DRF's default handler
    if response is None:
        return None  # unexpected error: let Django log it and answer 500

    if isinstance(exc, exceptions.ValidationError):
        code, message = "validation_error", "The request data is invalid."
        details = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        # Well-formed data that the database, as it is now, refuses. A client can't tell from
        # the contract whether an id exists or a name is free, so these are not 400s; and not
        # 404s, which say that the URL's own object is missing (PATCH /api/jobs/7/ naming a
        # company that does not exist must not tell the client that job 7 is gone).
        if _only_codes(exc, {"does_not_exist"}):   # an id in the body that names nothing
            response.status_code = status.HTTP_409_CONFLICT
            code, message = "conflict", "The request names an object that does not exist."
        elif _only_codes(exc, {"unique", "closed"}):   # a taken name, a job that is closed
            response.status_code = status.HTTP_409_CONFLICT
            code, message = "conflict", "The request conflicts with the data as it is now."
    else:
        detail = getattr(exc, "detail", str(exc))
        code = _first_code(exc) if isinstance(exc, exceptions.APIException) else "not_found"
        if isinstance(exc, Http404):
            code, detail = "not_found", "Not found."
        message, details = _sentence(detail), {}
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            details = {"retry_after_seconds": int(exc.wait)}

    response.data = error_payload(code, message, details)
    return response


def _first_code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, dict) and isinstance(codes.get("code"), str):
        return codes["code"]   # simplejwt's errors carry their code inside the detail
    return codes if isinstance(codes, str) else exc.default_code


def _only_codes(exc: exceptions.ValidationError, wanted: set[str]) -> bool:
    """True when every message of a validation error has one of the `wanted` codes."""
    def leaves(codes):
        if isinstance(codes, dict):
            return [c for value in codes.values() for c in leaves(value)]
        if isinstance(codes, list):
            return [c for value in codes for c in leaves(value)]
        return [codes]
    found = leaves(exc.get_codes())
    return bool(found) and set(found) <= wanted


def _sentence(detail) -> str:
    """One sentence for people. simplejwt's token errors carry a dict ({"detail", "code",
    "messages": [{"message": "Token is expired", ...}]}): its text and the reason, not its repr."""
    if isinstance(detail, dict):
        reasons = [m.get("message") for m in detail.get("messages", []) if isinstance(m, dict)]
        parts = [str(detail.get("detail", "")), *[str(r) for r in reasons[:1] if r]]
        return " ".join(p.rstrip(".") + "." for p in parts if p)
    text = str(detail)
    return text if text.endswith((".", "?", "!")) else text + "."
# --8<-- [end:exception-handler]


# --8<-- [start:ratelimited-handler]
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def window_seconds(rate: str) -> int:
    """Length of one django-ratelimit window: "5/m" -> 60, "100/10m" -> 600."""
    period = rate.partition("/")[2]
    return int(period[:-1] or 1) * UNIT_SECONDS[period[-1]]


def retry_after_seconds() -> int:
    """The longest configured window. The exception does not say which limit was hit, and
    after one full window every fixed-window counter has reset, so this is never too early."""
    return max(window_seconds(rate) for rate in (settings.RATELIMIT_APPLY, settings.RATELIMIT_LOGIN))


def ratelimited_response() -> Response:
    """django-ratelimit raises Ratelimited (a 403 by default); answer 429 instead.

    DRF views catch the exception and call api_exception_handler() above;
    plain Django views reach core.middleware.RequestLoggingMiddleware, whose
    process_exception() uses the same payload, so the 429 comes out either way.
    """
    wait = retry_after_seconds()
    return Response(
        error_payload(
            "rate_limited",
            "Too many requests. Slow down and try again later.",
            {"retry_after_seconds": wait},
        ),
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(wait)},
    )
# --8<-- [end:ratelimited-handler]
