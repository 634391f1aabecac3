"""Custom DRF throttles (docs/concepts/rate-limiting.md)."""
from rest_framework.throttling import UserRateThrottle


# --8<-- [start:interval-rate]
class IntervalRateThrottle(UserRateThrottle):
    """Accepts rates such as "5/10m" or "1/20s" as well as DRF's "5/m" and "100/day"."""
    SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

    def parse_rate(self, rate):
        if rate is None:
            return (None, None)
        num, period = rate.split("/")
        digits = "".join(c for c in period if c.isdigit())  # "10m" -> "10"
        unit = period[len(digits):][0]                       # "10m" -> "m", "10min" -> "m"
        return int(num), int(digits or 1) * self.SECONDS[unit]
# --8<-- [end:interval-rate]


class FiveEveryTenMinutes(IntervalRateThrottle):
    scope = "ten-minutes"
    rate = "5/10m"


# --8<-- [start:staff-exempt]
class StaffExemptUserThrottle(UserRateThrottle):
    """Staff are never throttled; everyone else gets the "user" rate."""

    def allow_request(self, request, view):
        if request.user and request.user.is_staff:
            return True
        return super().allow_request(request, view)


class PlanRateThrottle(UserRateThrottle):
    """A higher rate for users in the "partners" group, from its own scope."""

    def allow_request(self, request, view):
        user = request.user
        if user and user.is_authenticated and user.groups.filter(name="partners").exists():
            self.scope = "partner"
            self.rate = self.get_rate()
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
# --8<-- [end:staff-exempt]


# --8<-- [start:rate-limit-headers]
class HeaderUserRateThrottle(UserRateThrottle):
    """Records the numbers a client needs, for the view to send as headers."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is not None and getattr(self, "key", None):
            oldest = self.history[-1] if self.history else self.now
            request.rate_limit = {
                "limit": self.num_requests,
                "remaining": max(self.num_requests - len(self.history), 0),
                "reset": max(int(oldest + self.duration - self.now), 0),
            }
        return allowed


class RateLimitHeadersMixin:
    """Adds X-RateLimit-* headers to every answer of the view, the 429 included."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in getattr(request, "rate_limit", {}).items():
            response[f"X-RateLimit-{name.title()}"] = str(value)
        return response
# --8<-- [end:rate-limit-headers]
