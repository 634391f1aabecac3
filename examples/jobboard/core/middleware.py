"""Project middleware: IP blocklist and one log line per request."""
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django_ratelimit.exceptions import Ratelimited

from .errors import error_response
from .exceptions import retry_after_seconds

request_logger = logging.getLogger("jobboard.requests")

BLOCKLIST_CACHE_KEY = "core:blocked-ips"


def get_client_ip(request) -> str:
    """The caller's IP address.

    REMOTE_ADDR is the address of whoever opened the TCP connection. Behind a
    load balancer that is the balancer, which passes the client's address in
    X-Forwarded-For. That header is plain text any client can send, so it is
    read only when settings.BEHIND_TRUSTED_PROXY says one proxy we run sits in
    front. Its last entry is the one that proxy wrote, whether it overwrites
    the header or appends to it; entries to the left may be forged.
    """
    if getattr(settings, "BEHIND_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


# --8<-- [start:ip-blocklist-middleware]
def blocked_ips() -> frozenset[str]:
    """All blocked addresses, cached briefly so each request costs no query."""
    ips = cache.get(BLOCKLIST_CACHE_KEY)
    if ips is None:
        from .models import BlockedIP  # imported late: apps must be ready

        ips = frozenset(BlockedIP.objects.values_list("ip_address", flat=True))
        cache.set(BLOCKLIST_CACHE_KEY, ips, timeout=settings.BLOCKLIST_CACHE_SECONDS)
    return ips


class IPBlocklistMiddleware:
    """Answer 403 in the API error format when the client IP is blocked."""

    def __init__(self, get_response):
        self.get_response = get_response  # called once, at server start

    def __call__(self, request):
        if request.path == reverse("health-live"):  # the kubelet's probe must not need the database
            return self.get_response(request)
        ip = get_client_ip(request)
        if ip in blocked_ips():
            return error_response(
                403, "ip_blocked", "Requests from your address are blocked.", {"ip": ip}
            )
        return self.get_response(request)
# --8<-- [end:ip-blocklist-middleware]


# --8<-- [start:request-logging-middleware]
class RequestLoggingMiddleware:
    """Log method, path, status, duration and client IP for every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s %.1fms ip=%s",
            request.method,
            request.path,  # not the query string, which may carry tokens
            response.status_code,
            duration_ms,
            get_client_ip(request),
            extra={"status_code": response.status_code, "duration_ms": round(duration_ms, 1)},
        )
        return response

    def process_exception(self, request, exception):
        # Plain Django views decorated with @ratelimit raise Ratelimited
        # (a PermissionDenied, so a 403 by default); answer 429 instead.
        if isinstance(exception, Ratelimited):
            return error_response(
                429, "rate_limited", "Too many requests. Slow down and try again later.",
                {"retry_after_seconds": retry_after_seconds()},
            )
        return None
# --8<-- [end:request-logging-middleware]
