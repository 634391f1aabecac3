"""JWT, auth and rate-limit errors of the catalogue (docs/troubleshooting/auth.md), for real.

Bodies come from DRF's stock exception handler (`stock_errors`), as most projects print them.
"""
import traceback
from datetime import timedelta

import pytest
from catalogue import assert_reproduces
from django.http import HttpResponse
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited
from rest_framework import permissions, throttling, views
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework_simplejwt.tokens import AccessToken

from .conftest import PASSWORD, auth_client


@pytest.fixture
def stock_errors(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "EXCEPTION_HANDLER": "rest_framework.views.exception_handler"}


def me(header: str):
    client = auth_client()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client.get("/api/auth/me/")


@pytest.mark.django_db
def test_token_not_valid_for_any_token_type(stock_errors):
    response = me("Bearer eyJhbGciOiJIUzI1NiJ9.not-a-real-token.x")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/token-not-valid")


@pytest.mark.django_db
def test_token_is_expired(stock_errors, applicant):
    token = AccessToken.for_user(applicant)
    token.set_exp(lifetime=-timedelta(minutes=1))  # issued long enough ago that it has run out
    response = me(f"Bearer {token}")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/token-expired")


@pytest.mark.django_db
def test_header_needs_two_values(stock_errors):
    response = me("Bearer ")  # a frontend sent `Bearer ${token}` with an empty token
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/two-space-delimited-values")


@pytest.mark.django_db
def test_wrong_header_type_is_ignored(stock_errors, applicant):
    # "JWT <token>" while AUTH_HEADER_TYPES is ("Bearer",): simplejwt skips the header.
    response = me(f"JWT {AccessToken.for_user(applicant)}")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "drf/credentials-not-provided")


@pytest.mark.django_db
def test_refresh_with_an_access_token(stock_errors, anon, applicant):
    tokens = anon.post("/api/auth/token/", {"username": "abel", "password": PASSWORD}, format="json").json()
    response = anon.post("/api/auth/token/refresh/", {"refresh": tokens["access"]}, format="json")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/token-wrong-type")


@pytest.mark.django_db
def test_no_active_account(stock_errors, anon, applicant):
    response = anon.post("/api/auth/token/", {"username": "abel", "password": "wrong"}, format="json")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/no-active-account")


class SessionFirst(views.APIView):
    # SessionAuthentication first: it has no WWW-Authenticate header, so DRF answers 403, not 401.
    authentication_classes = [SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})


@pytest.mark.django_db
def test_unauthenticated_gets_403_with_session_authentication(stock_errors):
    response = SessionFirst.as_view()(APIRequestFactory().get("/api/me/"))
    response.render()
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response
    assert_reproduces(response.content.decode(), "drf/credentials-not-provided")


@ratelimit(key="ip", rate="1/h", method="POST")  # block=True by default: raise Ratelimited
def plain_login(request):
    return HttpResponse("ok")


def test_ratelimited_is_a_403_without_a_handler(rf):
    request = rf.post("/login/")
    assert plain_login(request).status_code == 200
    with pytest.raises(Ratelimited) as exc:
        plain_login(rf.post("/login/"))
    assert_reproduces("".join(traceback.format_exception_only(exc.type, exc.value)), "auth/ratelimited")


class DailyAnonThrottle(throttling.AnonRateThrottle):
    rate = "1/day"
    timer = staticmethod(lambda: 1_700_000_000.0)  # a frozen clock: the wait is exactly one day


class ThrottledStats(views.APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [DailyAnonThrottle]

    def get(self, request):
        return Response({"ok": True})


def test_drf_throttled(stock_errors):
    view = ThrottledStats.as_view()
    assert view(APIRequestFactory().get("/api/stats/")).status_code == 200
    response = view(APIRequestFactory().get("/api/stats/"))
    response.render()
    assert response.status_code == 429
    assert response["Retry-After"] == "86400"
    assert_reproduces(response.content.decode(), "auth/throttled")


@pytest.mark.django_db
def test_user_not_found(stock_errors, applicant):
    token = AccessToken.for_user(applicant)
    applicant.delete()  # the account is gone; its access token is still validly signed
    response = me(f"Bearer {token}")
    assert response.status_code == 401
    assert_reproduces(response.content.decode(), "auth/user-not-found")
