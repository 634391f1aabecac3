"""JWT obtain and refresh (simplejwt)."""
import pytest

from .conftest import PASSWORD, assert_error

pytestmark = pytest.mark.django_db


def test_obtain_and_use_access_token(anon, recruiter):
    response = anon.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    tokens = response.json()
    assert set(tokens) == {"access", "refresh"}
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert anon.get("/api/auth/me/").json()["username"] == "rita"


def test_refresh_returns_new_access_token(anon, recruiter):
    tokens = anon.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json").json()
    response = anon.post("/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 200
    assert response.json()["access"]


def test_wrong_password_is_401(anon, recruiter):
    response = anon.post("/api/auth/token/", {"username": "rita", "password": "nope"}, format="json")
    assert_error(response, 401, "no_active_account")


def test_refresh_with_access_token_is_rejected(anon, recruiter):
    tokens = anon.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json").json()
    response = anon.post("/api/auth/token/refresh/", {"refresh": tokens["access"]}, format="json")
    assert_error(response, 401, "token_not_valid")


def test_token_endpoint_rejects_get_with_405(anon):
    assert_error(anon.get("/api/auth/token/"), 405, "method_not_allowed")
