"""Middleware examples (docs/concepts/middleware.md, docs/tech/django-ratelimit.md)."""
import contextvars
import json
import logging

from django.http import JsonResponse
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


# --8<-- [start:global-ratelimit]
class GlobalRateLimitMiddleware:
    """One limit for every view: 100 requests a minute per user or IP, API and pages alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(("/static/", "/health/")):
            return self.get_response(request)
        if is_ratelimited(request, group="site-wide", key="user_or_ip", rate="100/m",
                          increment=True):
            response = JsonResponse({"detail": "Too many requests."}, status=429)
            response["Retry-After"] = "60"
            return response
        return self.get_response(request)
# --8<-- [end:global-ratelimit]


# --8<-- [start:exception-hook]
class ErrorLoggingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except Exception:  # never reached for a view's error: Django already made it a 500
            logger.exception("not logged here")
            raise
        return response

    def process_exception(self, request, exception):
        # Called with the view's exception, before Django turns it into a response.
        logger.error("view failed: %s %s: %r", request.method, request.path, exception)
        return None  # let Django build the 500 (or the next handler decide)
# --8<-- [end:exception-hook]


# --8<-- [start:skip-views]
def skip_audit(view):
    """Mark a view so that AuditMiddleware leaves it alone (like @csrf_exempt)."""
    view.skip_audit = True
    return view


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "skip_audit", False) or request.path.startswith("/health/"):
            return None
        request.audited = True  # the real work of the middleware goes here
        return None
# --8<-- [end:skip-views]


# --8<-- [start:read-body]
class JsonBodyLoggingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "application/json":
            body = request.body  # read it first: Django keeps a copy for request.POST and DRF
            try:
                logger.info("json keys: %s", sorted(json.loads(body or b"{}")))
            except (ValueError, AttributeError):
                pass
        return self.get_response(request)
# --8<-- [end:read-body]


class FormThenBodyMiddleware:
    """The mistake: reads request.POST of a multipart form, then request.body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            request.POST.get("username")
            request.body  # noqa: B018  raises RawPostDataException
        return self.get_response(request)


# --8<-- [start:current-user]
current_user = contextvars.ContextVar("current_user", default=None)


class CurrentUserMiddleware:
    """Makes the user of *this* request visible to code that has no request (models, signals)."""

    def __init__(self, get_response):
        self.get_response = get_response  # runs once: shared by every request

    def __call__(self, request):
        token = current_user.set(getattr(request, "user", None))  # per request, not self.user
        try:
            return self.get_response(request)
        finally:
            current_user.reset(token)
# --8<-- [end:current-user]
