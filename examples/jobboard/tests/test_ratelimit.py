"""django-ratelimit on apply and login answers 429 in the error format."""
import pytest

from jobs.models import Job

from .conftest import PASSWORD, assert_error

pytestmark = pytest.mark.django_db


# --8<-- [start:test-ratelimit-429]
def test_apply_is_rate_limited_with_429(settings, applicant_client, company):
    # An hourly window keeps the test far from a window boundary.
    settings.RATELIMIT_APPLY = "3/h"
    jobs = [Job.objects.create(company=company, title=f"Job {n}", description="d") for n in range(4)]

    statuses = [
        applicant_client.post(f"/api/jobs/{job.pk}/apply/", {}, format="json").status_code
        for job in jobs
    ]

    assert statuses == [201, 201, 201, 429]
    blocked = applicant_client.post(f"/api/jobs/{jobs[3].pk}/apply/", {}, format="json")
    error = assert_error(blocked, 429, "rate_limited")
    assert error["details"]["retry_after_seconds"] == 3600  # one full hourly window
    assert blocked["Retry-After"] == "3600"
# --8<-- [end:test-ratelimit-429]


def test_both_apply_endpoints_share_one_counter(settings, applicant_client, company):
    settings.RATELIMIT_APPLY = "2/h"
    a, b, c = (Job.objects.create(company=company, title=f"J{n}", description="d") for n in range(3))
    assert applicant_client.post(f"/api/jobs/{a.pk}/apply/", {}, format="json").status_code == 201
    assert applicant_client.post("/api/applications/", {"job": b.pk}, format="json").status_code == 201
    assert_error(applicant_client.post("/api/applications/", {"job": c.pk}, format="json"), 429)


def test_login_is_rate_limited_per_ip(settings, anon, recruiter):
    settings.RATELIMIT_LOGIN = "3/h"
    for _ in range(3):
        response = anon.post("/api/auth/token/", {"username": "rita", "password": "wrong"}, format="json")
        assert response.status_code == 401
    # Even the right password is refused until the window passes.
    response = anon.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json")
    assert_error(response, 429, "rate_limited")


def test_ratelimited_in_plain_django_view_becomes_429(rf):
    """Outside DRF, the middleware's process_exception turns Ratelimited into 429."""
    from django_ratelimit.exceptions import Ratelimited

    from core.middleware import RequestLoggingMiddleware

    middleware = RequestLoggingMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), Ratelimited())
    assert response.status_code == 429
    assert b'"rate_limited"' in response.content


def _redis_cache_on_closed_port(ignore_exceptions: bool) -> dict:
    return {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient",
                    "IGNORE_EXCEPTIONS": ignore_exceptions},
    }}


def test_redis_outage_fails_open_or_closed_only_if_the_cache_swallows_errors(settings, rf):
    """docs/tech/django-ratelimit.md: default django-redis raises, so RATELIMIT_FAIL_OPEN never applies."""
    import redis
    from django_ratelimit.core import is_ratelimited

    def limited():
        return is_ratelimited(rf.get("/"), group="outage", key="ip", rate="5/m", increment=True)

    settings.CACHES = _redis_cache_on_closed_port(ignore_exceptions=False)
    with pytest.raises(redis.exceptions.ConnectionError, match="Connection refused"):
        limited()

    settings.CACHES = _redis_cache_on_closed_port(ignore_exceptions=True)
    assert limited() is True  # the cache returned nothing: fail closed
    settings.RATELIMIT_FAIL_OPEN = True
    assert limited() is False


def test_refused_by_permissions_never_reaches_the_apply_counter(settings, anon, job):
    """DRF checks permissions before the action that the ratelimit decorator wraps."""
    settings.RATELIMIT_APPLY = "2/h"
    statuses = [anon.post(f"/api/jobs/{job.pk}/apply/", {}, format="json").status_code for _ in range(4)]
    assert statuses == [401] * 4  # never 429: the decorator's per-IP counter never ran
