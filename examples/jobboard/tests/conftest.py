"""Shared fixtures for both test tiers."""
import os
import tempfile

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import User
from config.celery import app as celery_app
from jobs.models import Company, Job

PASSWORD = "a-long-test-password-42"

# No example database, and Hypothesis' own cache in the temp folder: runs stay
# reproducible and leave no .hypothesis/ folder inside the repository.
hypothesis_settings.register_profile("nexus", database=None)
hypothesis_settings.load_profile("nexus")
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "jobboard-hypothesis"))


# --8<-- [start:conftest-fixtures]
@pytest.fixture(autouse=True)
def _isolation(settings):
    """Every test starts with an empty cache and inline (eager) Celery tasks."""
    # The test client speaks plain HTTP; tests/test_security.py checks the
    # production value of SECURE_SSL_REDIRECT separately.
    settings.SECURE_SSL_REDIRECT = False
    # A fast hasher keeps user creation cheap; production keeps PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager
    cache.clear()


def make_user(username: str, role: str) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, role=role
    )


def auth_client(user: User | None = None) -> APIClient:
    """An APIClient that sends a real JWT access token, like a browser app would."""
    client = APIClient()
    if user is not None:
        token = RefreshToken.for_user(user).access_token
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def recruiter(db):
    return make_user("rita", "recruiter")
# --8<-- [end:conftest-fixtures]


@pytest.fixture
def other_recruiter(db):
    return make_user("ravi", "recruiter")


@pytest.fixture
def applicant(db):
    return make_user("abel", "applicant")


@pytest.fixture
def other_applicant(db):
    return make_user("hana", "applicant")


@pytest.fixture
def company(recruiter):
    return Company.objects.create(name="Acacia Labs", owner=recruiter)


@pytest.fixture
def job(company):
    return Job.objects.create(
        company=company, title="Junior Django Developer", description="Build APIs.",
        location="Addis Ababa", salary_min=30000, salary_max=45000,
    )


@pytest.fixture
def anon():
    return auth_client()


@pytest.fixture
def recruiter_client(recruiter):
    return auth_client(recruiter)


@pytest.fixture
def applicant_client(applicant):
    return auth_client(applicant)


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Check the documented error shape: {"error": {"code", "message", "details"}}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], dict)
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def services_requested() -> bool:
    """True when bin/test-services asked for the services tier in CI."""
    return os.environ.get("CI") == "true" and os.environ.get("NEXUS_SERVICES") == "1"


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory):
    """One migrated, seeded SQLite file per session; every live server (tests/live.py) starts
    from its own copy of it."""
    from .live import seeded_database as build

    return build(tmp_path_factory.mktemp("seeded"))
