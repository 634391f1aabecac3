"""Tests of the authentication recipes (docs/howto/auth.md) and the auth symptom entries.

The code under test is examples/recipes/cookbook/authcook/.
"""
import base64
import json
import re

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from rest_framework import permissions, views
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory

from cookbook.authcook import jwt_settings

pytestmark = [pytest.mark.django_db,
              # The test project's SECRET_KEY is short; PyJWT warns about it, and that is all.
              pytest.mark.filterwarnings("ignore:The HMAC key is")]
PASSWORD = "a-long-passphrase-42"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests only: Django's PBKDF2 spends about a second of CPU per hash on a busy CI machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def abel():
    return get_user_model().objects.create_user("abel", "Abel@Example.com", PASSWORD)


@pytest.fixture
def client():
    return APIClient()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def login(client, **credentials):
    return client.post("/authcook/token/", credentials, format="json")


# --- Log in with an email address --------------------------------------------------------------

EMAIL_BACKENDS = ["cookbook.authcook.backends.EmailBackend", "django.contrib.auth.backends.ModelBackend"]


@override_settings(AUTHENTICATION_BACKENDS=EMAIL_BACKENDS)
def test_login_with_email(client, abel):
    response = client.post("/authcook/email-token/", {"email": "abel@example.com", "password": PASSWORD},
                           format="json")
    assert response.status_code == 200 and set(response.json()) == {"access", "refresh"}
    assert claims(response.json()["access"])["user_id"] == str(abel.pk)
    wrong = client.post("/authcook/email-token/", {"email": "abel@example.com", "password": "nope"}, format="json")
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "No active account found with the given credentials"
    asked_username = client.post("/authcook/email-token/", {"username": "abel", "password": PASSWORD},
                                 format="json")
    assert asked_username.json() == {"email": ["This field is required."]}


@override_settings(AUTHENTICATION_BACKENDS=EMAIL_BACKENDS)
def test_email_backend_keeps_username_login_and_refuses_duplicates(client, abel):
    assert login(client, username="abel", password=PASSWORD).status_code == 200  # ModelBackend still works
    assert login(client, username="ABEL@example.com", password=PASSWORD).status_code == 200
    get_user_model().objects.create_user("abel2", "abel@example.com", "x-another-passphrase")
    response = client.post("/authcook/email-token/", {"email": "abel@example.com", "password": PASSWORD},
                           format="json")
    assert response.status_code == 401  # two accounts share the address: nobody logs in by email


def test_email_field_without_a_backend_is_the_symptom(client, abel):
    """Without EmailBackend, {"email", "password"} never authenticates: ModelBackend wants a username."""
    response = client.post("/authcook/email-token/", {"email": "abel@example.com", "password": PASSWORD},
                           format="json")
    assert response.status_code == 401


# --- Log out: blacklist the refresh token ------------------------------------------------------

def test_logout_blacklists_the_refresh_token(client, abel):
    pair = login(client, username="abel", password=PASSWORD).json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert client.post("/authcook/logout/", {"refresh": pair["refresh"]}, format="json").status_code == 205
    again = client.post("/authcook/token/refresh/", {"refresh": pair["refresh"]}, format="json")
    assert again.status_code == 401 and again.json() == {"detail": "Token is blacklisted",
                                                         "code": "token_not_valid"}
    # The access token is not in the blacklist: it keeps working until it expires (5 minutes).
    assert client.get("/authcook/me/").status_code == 200


def test_logout_refuses_another_users_token(client, abel):
    get_user_model().objects.create_user("hana", "hana@example.com", PASSWORD)
    hana_refresh = login(client, username="hana", password=PASSWORD).json()["refresh"]
    abel_access = login(client, username="abel", password=PASSWORD).json()["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {abel_access}")
    assert client.post("/authcook/logout/", {"refresh": hana_refresh}, format="json").status_code == 400
    client.credentials()
    assert client.post("/authcook/logout/", {"refresh": hana_refresh}, format="json").status_code == 401


@pytest.fixture
def rotation(monkeypatch):
    """simplejwt's serializers keep the api_settings object of their import time, so
    override_settings(SIMPLE_JWT=...) does not reach them: set the recipe's values there."""
    from rest_framework_simplejwt import serializers
    for name in ("ROTATE_REFRESH_TOKENS", "BLACKLIST_AFTER_ROTATION"):
        monkeypatch.setattr(serializers.api_settings, name, jwt_settings.SIMPLE_JWT[name])


def test_rotation_blacklists_the_old_refresh_token(client, abel, rotation):
    first = login(client, username="abel", password=PASSWORD).json()["refresh"]
    rotated = client.post("/authcook/token/refresh/", {"refresh": first}, format="json").json()
    assert set(rotated) == {"access", "refresh"}
    assert client.post("/authcook/token/refresh/", {"refresh": first}, format="json").json()["detail"] == \
        "Token is blacklisted"
    assert client.post("/authcook/token/refresh/", {"refresh": rotated["refresh"]}, format="json").status_code == 200


def test_simplejwt_blacklist_view(client, abel):
    refresh = login(client, username="abel", password=PASSWORD).json()["refresh"]
    assert client.post("/authcook/token/blacklist/", {"refresh": refresh}, format="json").status_code == 200
    assert client.post("/authcook/token/refresh/", {"refresh": refresh}, format="json").status_code == 401


# --- Custom claims ------------------------------------------------------------------------------

def test_custom_claims_and_user_in_the_response(client, abel):
    body = client.post("/authcook/claims-token/", {"username": "abel", "password": PASSWORD}, format="json").json()
    assert body["user"] == {"id": abel.pk, "username": "abel", "email": "Abel@example.com"}
    access = claims(body["access"])
    assert access["username"] == "abel" and access["role"] == "member" and access["token_type"] == "access"
    assert claims(body["refresh"])["role"] == "member"
    refreshed = client.post("/authcook/token/refresh/", {"refresh": body["refresh"]}, format="json").json()
    assert claims(refreshed["access"])["role"] == "member"  # a refreshed access token keeps them


# --- Password reset ------------------------------------------------------------------------------

VALIDATORS = [{"NAME": f"django.contrib.auth.password_validation.{name}"}  # startproject's list
              for name in ("MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator")]


@override_settings(FRONTEND_URL="https://app.example.com", AUTH_PASSWORD_VALIDATORS=VALIDATORS)
def test_password_reset(client, abel):
    answer = client.post("/authcook/password-reset/", {"email": "abel@example.com"}, format="json")
    unknown = client.post("/authcook/password-reset/", {"email": "nobody@example.com"}, format="json")
    assert answer.status_code == unknown.status_code == 200 and answer.json() == unknown.json()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Abel@example.com"]
    uid, token = re.search(r"reset-password\?uid=([\w-]+)&token=([\w-]+)", mail.outbox[0].body).groups()
    weak = client.post("/authcook/password-reset/confirm/", {"uid": uid, "token": token, "new_password": "123"},
                       format="json")
    assert weak.status_code == 400 and "new_password" in weak.json()
    done = client.post("/authcook/password-reset/confirm/",
                       {"uid": uid, "token": token, "new_password": "another-long-passphrase-7"}, format="json")
    assert done.status_code == 200
    abel.refresh_from_db()
    assert abel.check_password("another-long-passphrase-7")
    reused = client.post("/authcook/password-reset/confirm/",
                         {"uid": uid, "token": token, "new_password": "yet-another-passphrase-9"}, format="json")
    assert reused.status_code == 400 and reused.json() == {"token": ["This reset link is invalid or has expired."]}


# --- 401 or 403 for an anonymous request (docs/path/milestones.md, troubleshooting/auth.md) ----

class Bookings(views.APIView):
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        return Response(status=201)


def anonymous_bad_post(**view_options):
    request = APIRequestFactory().post("/", {"price": "abc"}, format="json")
    return Bookings.as_view(**view_options)(request)


def test_anonymous_post_is_403_with_drf_default_authentication():
    response = anonymous_bad_post()  # DEFAULT_AUTHENTICATION_CLASSES: Session, then Basic
    assert response.status_code == 403 and "WWW-Authenticate" not in response
    assert response.data["detail"] == "Authentication credentials were not provided."


def test_anonymous_post_is_401_when_the_first_class_names_a_scheme():
    from rest_framework.authentication import SessionAuthentication
    from rest_framework_simplejwt.authentication import JWTAuthentication
    response = anonymous_bad_post(authentication_classes=[JWTAuthentication, SessionAuthentication])
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="api"'


# --- request.user is AnonymousUser although a token is sent --------------------------------------

def test_token_ignored_when_the_view_does_not_use_jwt(client, abel):
    """The symptom: with DRF's defaults (Session, Basic) a Bearer token is never read."""
    from rest_framework.authentication import BasicAuthentication, SessionAuthentication
    from cookbook.authcook.views import MeView
    access = login(client, username="abel", password=PASSWORD).json()["access"]
    view = MeView.as_view(authentication_classes=[SessionAuthentication, BasicAuthentication])
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert view(request).status_code == 403  # anonymous, although the token is valid
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    assert client.get("/authcook/me/").json()["username"] == "abel"


def test_token_ignored_with_the_wrong_prefix(client, abel):
    access = login(client, username="abel", password=PASSWORD).json()["access"]
    client.credentials(HTTP_AUTHORIZATION=f"JWT {access}")  # AUTH_HEADER_TYPES is ("Bearer",)
    response = client.get("/authcook/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_request_user_in_django_middleware_is_anonymous(client, abel, settings):
    """Django middleware runs before DRF authenticates: it sees AnonymousUser even with a valid token."""
    seen = []

    def spy(get_response):
        def middleware(request):
            seen.append(request.user.is_authenticated)
            return get_response(request)
        return middleware

    import sys
    import types
    module = types.ModuleType("cookbook_spy_middleware")
    module.spy = spy
    sys.modules["cookbook_spy_middleware"] = module
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "cookbook_spy_middleware.spy"]
    access = login(client, username="abel", password=PASSWORD).json()["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    assert client.get("/authcook/me/").json()["username"] == "abel"  # the view sees abel
    assert seen[-1] is False  # the middleware saw an anonymous user


# --- django-ratelimit and an empty REMOTE_ADDR (troubleshooting/auth.md#auth-remote-addr-empty) --


def limited_view():
    from django.http import HttpResponse
    from django_ratelimit.decorators import ratelimit

    @ratelimit(key="ip", rate="5/m", block=True)
    def view(request):
        return HttpResponse("ok")
    return view


def test_remote_addr_empty(settings):
    """gunicorn on a Unix socket behind nginx: Django gets REMOTE_ADDR = ""."""
    from django.test import RequestFactory
    errors = catalogue
    request = RequestFactory().get("/", REMOTE_ADDR="")
    with pytest.raises(Exception) as raised:
        limited_view()(request)
    errors.assert_reproduces(errors.printed(raised.value), "auth/remote-addr-empty")
    # A key function that returns "" instead fails later, with the older versions' message:
    settings.RATELIMIT_IP_META_KEY = lambda request: ""
    with pytest.raises(ValueError) as older:
        limited_view()(request)
    assert str(older.value) == "'/32' does not appear to be an IPv4 or IPv6 network"


def test_client_ip_from_the_proxy_header(settings):
    from django.test import RequestFactory
    settings.RATELIMIT_IP_META_KEY = "cookbook.authcook.client_ip.client_ip"
    view = limited_view()
    behind_nginx = RequestFactory().get("/", REMOTE_ADDR="", HTTP_X_REAL_IP="203.0.113.7")
    assert view(behind_nginx).status_code == 200
    from cookbook.authcook.client_ip import client_ip
    assert client_ip(behind_nginx) == "203.0.113.7"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="198.51.100.2")) == "198.51.100.2"


def test_refresh_with_a_broken_token_message(client):
    """troubleshooting/auth.md#auth-token-not-valid quotes this answer under "Also printed as"."""
    response = client.post("/authcook/token/refresh/", {"refresh": "abc.def.ghi"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Token is invalid", "code": "token_not_valid"}


# --- Rotate SECRET_KEY with SECRET_KEY_FALLBACKS (docs/practices/config-secrets.md) ---------------

OLD_KEY, NEW_KEY = "old-key-" + "a" * 50, "new-key-" + "b" * 50


def logged_in_user(session_key):
    """Who Django thinks the browser with this session cookie is, with the current settings."""
    from types import SimpleNamespace

    from django.contrib.auth import get_user
    from django.contrib.sessions.backends.db import SessionStore
    return get_user(SimpleNamespace(session=SessionStore(session_key=session_key)))


def test_secret_key_settings_read_the_environment(monkeypatch):
    import importlib.util
    import runpy

    fragment = importlib.util.find_spec("cookbook.authcook.secret_keys").origin  # a settings fragment
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    with pytest.raises(KeyError):  # no key in the environment: no start, rather than a random key
        runpy.run_path(fragment)
    monkeypatch.setenv("DJANGO_SECRET_KEY", NEW_KEY)
    monkeypatch.setenv("DJANGO_SECRET_KEY_FALLBACKS", OLD_KEY)
    values = runpy.run_path(fragment)
    assert values["SECRET_KEY"] == NEW_KEY and values["SECRET_KEY_FALLBACKS"] == [OLD_KEY]
    monkeypatch.delenv("DJANGO_SECRET_KEY_FALLBACKS")
    assert runpy.run_path(fragment)["SECRET_KEY_FALLBACKS"] == []


def test_rotating_secret_key_with_and_without_fallbacks(abel):
    from django.contrib.auth.tokens import default_token_generator
    from django.core import signing
    from django.test import Client

    with override_settings(SECRET_KEY=OLD_KEY, SECRET_KEY_FALLBACKS=[]):
        browser = Client()
        browser.force_login(abel)
        session_key = browser.session.session_key
        reset_token = default_token_generator.make_token(abel)
        signed = signing.dumps({"job": 7})
        assert logged_in_user(session_key) == abel
    # The new key alone: the user is logged out, the reset link and the signed value are refused.
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert not logged_in_user(session_key).is_authenticated
        assert not default_token_generator.check_token(abel, reset_token)
        with pytest.raises(signing.BadSignature):
            signing.loads(signed)
    # The new key with the old one as a fallback: all three still work.
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]):
        assert logged_in_user(session_key) == abel
        assert default_token_generator.check_token(abel, reset_token)
        assert signing.loads(signed) == {"job": 7}
    # Passwords do not depend on SECRET_KEY at all.
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        abel.refresh_from_db()
        assert abel.check_password(PASSWORD)


# --- XSS: auto-escaping, |safe, mark_safe and format_html (docs/practices/defensive.md) ----------

ATTACK = '<script>alert("hi")</script>'


def test_autoescape_and_safe_filter():
    from cookbook.authcook.html_safety import PROFILE
    escaped, raw = PROFILE.render({"bio": ATTACK}).splitlines()
    assert escaped == "<p>&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;</p>"
    assert raw.startswith(f"<p>{ATTACK}</p>")


def test_format_html_escapes_what_mark_safe_does_not():
    from django.template import engines

    from cookbook.authcook.html_safety import company_link, company_link_unsafe
    page = engines["django"].from_string("{{ link }}")
    safe = page.render({"link": company_link(ATTACK, "https://acme.example/?a=1&b=2")})
    assert safe == ('<a href="https://acme.example/?a=1&amp;b=2">'
                    "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;</a>")
    unsafe = page.render({"link": company_link_unsafe(ATTACK, "https://acme.example/")})
    assert ATTACK in unsafe


# --- API key authentication (docs/howto/auth.md#auth-api-key) ---------------------------------

def test_api_key_header(client, settings):
    import hashlib
    get_user_model().objects.create_user("reporting-service")
    settings.API_KEYS = {hashlib.sha256(b"k-7f3a9c").hexdigest(): "reporting-service"}
    ok = client.get("/authcook/service-report/", HTTP_X_API_KEY="k-7f3a9c")
    assert ok.status_code == 200 and ok.json() == {"caller": "reporting-service"}
    wrong = client.get("/authcook/service-report/", HTTP_X_API_KEY="k-guess")
    assert wrong.status_code == 401 and wrong.json() == {"detail": "Invalid API key."}
    missing = client.get("/authcook/service-report/")
    assert missing.status_code == 401 and missing["WWW-Authenticate"] == "X-API-Key"
    assert missing.json() == {"detail": "Authentication credentials were not provided."}


# --- Hash and check a password yourself (docs/howto/auth.md#auth-hash-passwords) ----------------

def test_make_password_and_check_password(settings):
    from django.contrib.auth.hashers import identify_hasher

    from cookbook.authcook.passwords import hash_pin, pin_matches
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    stored = hash_pin("4821")
    assert stored.startswith("pbkdf2_sha256$1000000$") and "4821" not in stored  # Django 5.2
    assert hash_pin("4821") != stored  # a new salt every time
    assert pin_matches("4821", stored) and not pin_matches("4822", stored)
    assert identify_hasher(stored).algorithm == "pbkdf2_sha256"
    old = "md5$salt$" + __import__("hashlib").md5(b"salt4821").hexdigest()
    assert pin_matches("4821", old)  # an old hash still verifies while its hasher is listed


# --- A token simplejwt didn't make (troubleshooting/auth.md#auth-token-has-no-id) ---------------

def test_token_without_jti_or_type(client, abel, settings):
    import time

    import jwt
    errors = catalogue
    payload = {"user_id": str(abel.pk), "exp": int(time.time()) + 300}  # e.g. made with PyJWT
    no_id = jwt.encode({**payload, "token_type": "access"}, settings.SECRET_KEY, algorithm="HS256")
    response = client.get("/authcook/me/", HTTP_AUTHORIZATION=f"Bearer {no_id}")
    assert response.status_code == 401
    errors.assert_reproduces(response.content.decode(), "auth/token-has-no-id")
    no_type = jwt.encode({**payload, "jti": "abc123"}, settings.SECRET_KEY, algorithm="HS256")
    response = client.get("/authcook/me/", HTTP_AUTHORIZATION=f"Bearer {no_type}")
    assert response.json()["messages"][0]["message"] == "Token has no type"
    # simplejwt 5.5.1 with the blacklist app: the refresh view looks the jti up first and crashes (500).
    with pytest.raises(KeyError, match="jti"):
        client.post("/authcook/token/refresh/", {"refresh": no_id}, format="json")


# --- Authentication alone refuses nobody (troubleshooting/auth.md#auth-no-header-still-allowed) ---

def test_authentication_alone_lets_anonymous_in(settings):
    from rest_framework_simplejwt.authentication import JWTAuthentication

    class Open(views.APIView):
        authentication_classes = [JWTAuthentication]  # no permission_classes: DRF's AllowAny

        def get(self, request):
            return Response({"user": str(request.user)})

    class Closed(Open):
        permission_classes = [permissions.IsAuthenticated]

    request = APIRequestFactory().get("/")
    assert Open.as_view()(request).data == {"user": "AnonymousUser"}
    refused = Closed.as_view()(APIRequestFactory().get("/"))
    assert refused.status_code == 401
    assert str(refused.data["detail"]) == "Authentication credentials were not provided."
