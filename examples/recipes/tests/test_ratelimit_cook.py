"""Tests of the throttling, django-ratelimit, middleware and proxy examples in
examples/recipes/cookbook/ratelimitcook/ (docs/concepts/rate-limiting.md, tech/django-ratelimit.md,
concepts/middleware.md, concepts/ip-tracking.md)."""
import logging
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http.request import RawPostDataException
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle

from cookbook.ratelimitcook import throttles

pytestmark = pytest.mark.django_db
COOK = Path(__file__).resolve().parent.parent / "cookbook" / "ratelimitcook"
URL = "/ratelimitcook/"


@pytest.fixture(autouse=True)
def clean_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # counters of one test must not leak into the next
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


# --- DRF rate strings --------------------------------------------------------------------------

def test_drf_reads_only_the_first_letter_of_the_period():
    parse = SimpleRateThrottle.parse_rate
    assert parse(None, "5/m") == parse(None, "5/minute") == parse(None, "5/min") == (5, 60)
    assert parse(None, "100/month") == (100, 60)  # "month" starts with m: per minute!
    with pytest.raises(KeyError):
        parse(None, "5/10m")                       # "1" is not a period


def test_interval_rate_throttle_understands_10m(api):
    throttle = throttles.FiveEveryTenMinutes()
    assert throttle.parse_rate("5/10m") == (5, 600)
    assert throttle.parse_rate("1/20s") == (1, 20)
    assert throttle.parse_rate("100/day") == (100, 86400)
    answers = [api.get(URL + "ten-minutes/").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    assert 590 <= int(api.get(URL + "ten-minutes/")["Retry-After"]) <= 600


# --- exempt staff, a higher rate for a group ---------------------------------------------------

@pytest.fixture
def user_rates(monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "partner": "4/minute"})


def test_staff_are_not_throttled(api, user_rates):
    User = get_user_model()
    staff = User.objects.create_user("sara", password="pw", is_staff=True)
    member = User.objects.create_user("abel", password="pw")
    api.force_authenticate(member)
    assert [api.get(URL + "staff-exempt/").status_code for _ in range(3)] == [200, 200, 429]
    api.force_authenticate(staff)
    assert {api.get(URL + "staff-exempt/").status_code for _ in range(5)} == {200}


def test_partners_get_their_own_rate(api, user_rates):
    User = get_user_model()
    partner = User.objects.create_user("hana", password="pw")
    partner.groups.add(Group.objects.create(name="partners"))
    api.force_authenticate(partner)
    assert [api.get(URL + "plan/").status_code for _ in range(5)] == [200] * 4 + [429]


# --- headers and messages ----------------------------------------------------------------------

def test_rate_limit_headers_on_every_answer(api, user_rates):
    first = api.get(URL + "headers/")
    assert (first["X-RateLimit-Limit"], first["X-RateLimit-Remaining"]) == ("2", "1")
    api.get(URL + "headers/")
    refused = api.get(URL + "headers/")
    assert refused.status_code == 429
    assert refused["X-RateLimit-Remaining"] == "0"
    assert 0 < int(refused["X-RateLimit-Reset"]) <= 60
    assert refused["Retry-After"]


def test_custom_throttled_message(api, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"exports": "1/hour"})
    assert api.get(URL + "exports/").status_code == 200
    refused = api.get(URL + "exports/")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many exports (exports). Expected available in")
    assert int(refused["Retry-After"]) > 3500


# --- testing throttles -------------------------------------------------------------------------

# --8<-- [start:test-throttles]
def test_lower_the_rate_for_one_test(api, monkeypatch):
    # DRF copied DEFAULT_THROTTLE_RATES when it was imported: override_settings comes too late.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"exports": "2/minute"})
    cache.clear()  # start from zero: counters live in the cache
    answers = [api.get("/ratelimitcook/exports/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_switch_throttling_off_for_one_view(api, monkeypatch):
    from cookbook.ratelimitcook.views import ExportView
    monkeypatch.setattr(ExportView, "throttle_classes", [])
    assert {api.get("/ratelimitcook/exports/").status_code for _ in range(5)} == {200}
# --8<-- [end:test-throttles]


def test_override_settings_does_not_change_drf_rates(api, settings):
    settings.REST_FRAMEWORK = {"DEFAULT_THROTTLE_RATES": {"exports": "1000/minute"}}
    assert "exports" not in ScopedRateThrottle.THROTTLE_RATES  # still the import-time copy


def test_ratelimit_enable_false_turns_django_ratelimit_off(settings):
    settings.RATELIMIT_ENABLE = False
    client = Client()
    answers = {client.post(URL + "login/", {"username": "abel"}).status_code for _ in range(8)}
    assert answers == {200}


# --- django-ratelimit on a class-based view without method_decorator --------------------------

@pytest.mark.parametrize("path, method, attribute", [
    ("wrong-login/", "post", "POST"),   # key="post:username"
    ("wrong-ip/", "get", "META"),       # key="ip"
    ("wrong-method/", "post", "method"),  # method="POST"
])
def test_ratelimit_on_a_method_gets_the_view_as_request(path, method, attribute):
    client = Client(raise_request_exception=True)
    with pytest.raises(AttributeError, match=rf"object has no attribute '{attribute}'"):
        getattr(client, method)(URL + path, {"username": "abel"} if method == "post" else None)


def test_method_decorator_makes_it_count():
    client = Client()
    answers = [client.post(URL + "login/", {"username": "abel"}).status_code for _ in range(6)]
    assert answers == [200] * 5 + [403]  # Ratelimited is a PermissionDenied until you handle it


# --- middleware --------------------------------------------------------------------------------

def with_middleware(settings, path):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"cookbook.ratelimitcook.middleware.{path}"]


def test_global_rate_limit_middleware_really_counts(settings):
    with_middleware(settings, "GlobalRateLimitMiddleware")
    client = Client()
    answers = [client.get(URL + "plain/", REMOTE_ADDR="203.0.113.7").status_code for _ in range(101)]
    assert answers[:100] == [200] * 100 and answers[100] == 429
    assert client.get(URL + "plain/", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_process_exception_sees_the_view_error_try_except_does_not(settings, caplog):
    with_middleware(settings, "ErrorLoggingMiddleware")
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO, logger="cookbook.ratelimitcook.middleware"):
        assert client.get(URL + "boom/").status_code == 500
    messages = [r.getMessage() for r in caplog.records if r.name == "cookbook.ratelimitcook.middleware"]
    assert messages == ["view failed: GET /ratelimitcook/boom/: ValueError('boom')"]


def test_process_view_skips_marked_views(settings):
    with_middleware(settings, "AuditMiddleware")
    client = Client()
    assert client.get(URL + "audited/").content == b"yes"
    assert client.get(URL + "not-audited/").content == b"no"


def test_reading_post_then_body_raises(settings):
    with_middleware(settings, "FormThenBodyMiddleware")
    client = Client(raise_request_exception=True)
    with pytest.raises(RawPostDataException, match="You cannot access body after reading from request's data stream"):
        client.post(URL + "echo/", {"username": "abel"})  # multipart form


def test_reading_body_first_keeps_post_and_json_usable(settings):
    with_middleware(settings, "JsonBodyLoggingMiddleware")
    client = Client()
    assert client.post(URL + "echo/", {"username": "abel"}).content == b"abel"
    assert client.post(URL + "echo/", '{"a": 1}', content_type="application/json").content == b'{"a": 1}'


def test_current_user_is_per_request(settings):
    with_middleware(settings, "CurrentUserMiddleware")
    User = get_user_model()
    client = Client()
    assert client.get(URL + "who/").content == b"anonymous"
    client.force_login(User.objects.create_user("abel", password="pw"))
    assert client.get(URL + "who/").content == b"abel"
    from cookbook.ratelimitcook.middleware import current_user
    assert current_user.get() is None  # reset after the request


# --- nginx files -------------------------------------------------------------------------------

def directives(name):
    text = re.sub(r"#[^\n]*", "", (COOK / name).read_text())
    return [" ".join(line.split()) for line in text.replace("{", ";").replace("}", ";").split(";")
            if line.strip()]


def test_nginx_limit_req_answers_429():
    found = directives("nginx-limit-req.conf")
    assert "limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s" in found
    assert "limit_req zone=api burst=20 nodelay" in found
    assert "limit_req_status 429" in found  # nginx's default is 503


def test_nginx_cloudflare_trusts_the_header_from_cloudflare_only():
    found = directives("nginx-cloudflare.conf")
    assert found == ["include /etc/nginx/cloudflare-ips.conf", "real_ip_header CF-Connecting-IP"]


def test_nginx_anonymizing_map_truncates_addresses():
    text = (COOK / "nginx-anonymized-log.conf").read_text()
    rules = re.findall(r"^\s+~(\S+)\s+(\S+);", text, re.M)

    def anon(address):  # what nginx's map does: the first matching regex wins, else the default
        for pattern, value in rules:
            match = re.search(pattern, address)
            if match:
                return value.replace("$ip", match["ip"])
        return "0.0.0.0"
    assert anon("203.0.113.57") == "203.0.113.0"
    assert anon("2001:db8:85a3:8d3:1319:8a2e:370:7348") == "2001:db8:85a3::"
    assert anon("::1") == "0.0.0.0"
    assert "log_format anonymized '$remote_addr_anon" in text
