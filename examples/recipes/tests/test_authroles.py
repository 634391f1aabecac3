"""Tests of the groups, permissions and password recipes (docs/howto/auth.md) and of the
AnonymousUser and authenticate() entries (docs/troubleshooting/auth.md).

The code under test is examples/recipes/cookbook/authroles/.
"""
import re

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client, override_settings
from rest_framework.test import APIClient, APIRequestFactory

from cookbook.authroles import settings_auth, views
from cookbook.authroles.models import Report

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-42"
User = get_user_model()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests only: Django's PBKDF2 spends about a second of CPU per hash on a busy CI machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def abel():
    return User.objects.create_user("abel", "abel@example.com", PASSWORD)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def unaddressed(text: str) -> str:
    """Memory addresses differ on every run: print them as the page does."""
    return re.sub(r"0x[0-9a-f]+", "0x7f3a2c1b5e50", text)


# --- Restrict a view to a group -----------------------------------------------------------------

@pytest.mark.parametrize("url", ["/authroles/editors/", "/authroles/editors-cbv/"])
def test_group_required(abel, url):
    assert Client().get(url).status_code == 302                  # anonymous: to the login page
    assert logged_in(abel).get(url).status_code == 403           # logged in, not an editor
    abel.groups.add(Group.objects.create(name="editors"))
    assert logged_in(abel).get(url).status_code == 200


def test_group_permission_for_drf(abel):
    request = APIRequestFactory().get("/")
    request.user = abel
    assert views.IsEditor().has_permission(request, None) is False
    abel.groups.add(Group.objects.create(name="editors"))
    assert views.IsEditor().has_permission(request, None) is True


# --- Custom permissions ---------------------------------------------------------------------------

def test_custom_permission_through_a_group(abel):
    report = Report.objects.create(title="Q4", author=abel)
    url = f"/authroles/reports/{report.pk}/publish/"
    assert logged_in(abel).post(url).status_code == 403
    assert abel.has_perm("authroles.publish_report") is False
    publishers = Group.objects.create(name="publishers")
    publishers.permissions.add(Permission.objects.get(codename="publish_report", content_type__app_label="authroles"))
    abel.groups.add(publishers)
    # has_perm() caches a user's permissions on the object: the same object still says no...
    assert abel.has_perm("authroles.publish_report") is False
    # ...a fresh one (as on the next request) says yes.
    assert User.objects.get(pk=abel.pk).has_perm("authroles.publish_report") is True
    assert logged_in(abel).post(url).json() == {"id": report.pk, "published": True}


def test_superuser_has_every_permission_inactive_user_none():
    boss = User.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    assert boss.has_perm("authroles.publish_report") and boss.is_staff
    boss.is_active = False
    assert boss.has_perm("authroles.publish_report") is False


# --- Change the password without being logged out ----------------------------------------------------

def test_change_password_keeps_this_session(abel):
    client, other_device = logged_in(abel), logged_in(abel)
    response = client.post("/authroles/password/", {"old_password": PASSWORD, "new_password1": "another-long-phrase-7",
                                                    "new_password2": "another-long-phrase-7"})
    assert response.status_code == 200
    assert client.get("/authroles/my-reports/").status_code == 200          # still logged in here
    assert other_device.get("/authroles/my-reports/").status_code == 302    # logged out elsewhere


def test_without_update_session_auth_hash_the_user_is_logged_out(abel):
    client = logged_in(abel)
    abel.set_password("another-long-phrase-7")
    abel.save()
    assert client.get("/authroles/my-reports/").status_code == 302


# --- Password strength in a DRF serializer ----------------------------------------------------------

@override_settings(AUTH_PASSWORD_VALIDATORS=settings_auth.AUTH_PASSWORD_VALIDATORS)
def test_register_runs_the_password_validators():
    client = APIClient()
    weak = client.post("/authroles/register/", {"username": "sara", "email": "sara@example.com",
                                                 "password": "12345678"}, format="json")
    assert weak.status_code == 400
    errors = weak.json()["password"]
    assert "This password is too common." in errors and "This password is entirely numeric." in errors
    assert any("too short" in error for error in errors)
    similar = client.post("/authroles/register/", {"username": "sarabekele", "email": "s@example.com",
                                                    "password": "sarabekele1"}, format="json")
    assert "The password is too similar to the username." in similar.json()["password"]
    good = client.post("/authroles/register/", {"username": "sara", "email": "sara@example.com",
                                                 "password": PASSWORD}, format="json")
    assert good.status_code == 201 and "password" not in good.json()
    assert authenticate(username="sara", password=PASSWORD) is not None   # stored hashed


@override_settings(AUTH_PASSWORD_VALIDATORS=[])
def test_without_validators_any_password_passes():
    response = APIClient().post("/authroles/register/", {"username": "sara", "password": "1"}, format="json")
    assert response.status_code == 201


# --- Require login on every page ---------------------------------------------------------------------

@override_settings(MIDDLEWARE=settings_auth.MIDDLEWARE, LOGIN_URL=settings_auth.LOGIN_URL)
def test_login_required_middleware(abel):
    anonymous = Client()
    response = anonymous.get("/authroles/members/")
    assert response.status_code == 302 and response["Location"] == "/authroles/login/?next=/authroles/members/"
    assert anonymous.get("/authroles/landing/").status_code == 200       # @login_not_required
    assert anonymous.get("/authroles/login/").status_code == 200         # LoginView is exempt already
    assert logged_in(abel).get("/authroles/members/").status_code == 200
    # DRF (since 3.16) exempts its own views: the JWT login works, and an API view protects itself
    # with DEFAULT_PERMISSION_CLASSES / permission_classes, not with this middleware.
    token = anonymous.post("/authcook/token/", {"username": "abel", "password": PASSWORD})
    assert token.status_code == 200
    assert anonymous.get("/authcook/me/").status_code == 401


# --- AnonymousUser in a query or a foreign key ----------------------------------------------------------

def test_anonymous_user_in_a_filter():
    with pytest.raises(TypeError) as error:
        Client().get("/authroles/my-reports-broken/")
    catalogue.assert_reproduces(unaddressed(catalogue.printed(error.value)), "auth/anonymous-user-expected-a-number")


def test_anonymous_user_assigned_to_a_foreign_key():
    with pytest.raises(ValueError) as error:
        Client().post("/authroles/create-report-broken/", {"title": "Q4"})
    assert unaddressed(catalogue.printed(error.value)).strip() == (
        'ValueError: Cannot assign "<SimpleLazyObject: <django.contrib.auth.models.AnonymousUser object at '
        '0x7f3a2c1b5e50>>": "Report.author" must be a "User" instance.')


def test_login_required_fixes_it(abel):
    assert Client().get("/authroles/my-reports/").status_code == 302
    Report.objects.create(title="Q4", author=abel)
    assert logged_in(abel).get("/authroles/my-reports/").json() == {"reports": ["Q4"]}


# --- authenticate() returns None -------------------------------------------------------------------------

def test_authenticate_returns_none(abel):
    assert authenticate(username="abel", password=PASSWORD) == abel
    # 1. The password was stored as plain text (objects.create, not create_user).
    User.objects.create(username="sara", password=PASSWORD)
    assert authenticate(username="sara", password=PASSWORD) is None
    # 2. The account is inactive: ModelBackend refuses it.
    abel.is_active = False
    abel.save()
    assert authenticate(username="abel", password=PASSWORD) is None
    abel.is_active = True
    abel.save()
    # 3. The email was passed, but the stock backend looks the user up by USERNAME_FIELD only.
    assert authenticate(email="abel@example.com", password=PASSWORD) is None
    assert authenticate(username="abel@example.com", password=PASSWORD) is None
    # 4. A custom backend replaced ModelBackend instead of being listed before it.
    with override_settings(AUTHENTICATION_BACKENDS=["cookbook.authcook.backends.EmailBackend"]):
        assert authenticate(username="abel", password=PASSWORD) is None
    # The fix for 4: both backends, yours first.
    with override_settings(AUTHENTICATION_BACKENDS=settings_auth.AUTHENTICATION_BACKENDS):
        assert authenticate(username="abel", password=PASSWORD) == abel
        assert authenticate(email="abel@example.com", password=PASSWORD) == abel
    # The fix for 1: set_password() stores a hash.
    sara = User.objects.get(username="sara")
    sara.set_password(PASSWORD)
    sara.save()
    assert authenticate(username="sara", password=PASSWORD) == sara
