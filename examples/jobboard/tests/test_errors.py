"""Every error has one JSON shape and the right status; bad input never gives a 500."""
import pytest

from jobs.models import Application

from .conftest import assert_error, auth_client

pytestmark = pytest.mark.django_db


# --8<-- [start:test-error-format]
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "", "description": "d"}, "title"),
        ({"title": "Dev", "description": "d", "salary_min": 9, "salary_max": 1}, "salary_min"),
        ({"title": "Dev", "description": "d", "salary_min": -5}, "salary_min"),
        ({"title": "Dev", "description": "d", "salary_max": "lots"}, "salary_max"),
        ({"title": "Dev", "description": "d", "employment_type": "forever"}, "employment_type"),
    ],
)
def test_validation_errors_use_the_error_format(recruiter_client, company, payload, field):
    response = recruiter_client.post("/api/jobs/", {"company": company.pk, **payload}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert field in response.json()["error"]["details"]


def test_duplicate_application_is_409(applicant_client, job):
    first = applicant_client.post("/api/applications/", {"job": job.pk}, format="json")
    second = applicant_client.post("/api/applications/", {"job": job.pk}, format="json")

    assert first.status_code == 201
    assert_error(second, 409, "conflict")
    assert Application.objects.count() == 1
# --8<-- [end:test-error-format]


def test_duplicate_apply_action_is_409(applicant_client, job):
    applicant_client.post(f"/api/jobs/{job.pk}/apply/", {}, format="json")
    assert_error(applicant_client.post(f"/api/jobs/{job.pk}/apply/", {}, format="json"), 409, "conflict")


def test_missing_token_is_401(anon, company):
    error = assert_error(anon.post("/api/jobs/", {}, format="json"), 401, "not_authenticated")
    assert "credentials" in error["message"].lower()


def test_invalid_token_is_401(company):
    client = auth_client()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")
    assert_error(client.get("/api/auth/me/"), 401, "token_not_valid")


def test_wrong_role_is_403(applicant_client, company):
    assert_error(applicant_client.post("/api/jobs/", {}, format="json"), 403, "permission_denied")


@pytest.mark.parametrize(
    "url",
    ["/api/jobs/999999/", "/api/jobs/abc/", "/api/jobs/99999999999999999999999/",
     "/api/no-such-endpoint/", "/api/jobs/?page=99"],
)
def test_not_found_is_404(anon, job, url):
    assert_error(anon.get(url), 404, "not_found")


@pytest.mark.parametrize("method", ["put", "patch"])
def test_an_id_in_the_body_that_names_nothing_is_409_not_404(recruiter_client, job, method):
    """A 404 would say the URL's job is gone (Schemathesis' stateful phase caught it: ST302)."""
    body = {"company": 999999, "title": "Dev", "description": "d"}
    error = assert_error(getattr(recruiter_client, method)(f"/api/jobs/{job.pk}/", body, format="json"),
                         409, "conflict")
    assert error["message"] == "The request names an object that does not exist."
    assert error["details"] == {"company": ['Invalid pk "999999" - object does not exist.']}
    assert recruiter_client.get(f"/api/jobs/{job.pk}/").status_code == 200


def test_applying_by_body_to_no_such_job_is_409(applicant_client):
    assert_error(applicant_client.post("/api/applications/", {"job": 999999}, format="json"), 409, "conflict")


def test_method_not_allowed_is_405(applicant_client, applicant, job):
    application = Application.objects.create(job=job, applicant=applicant)
    assert_error(applicant_client.put(f"/api/applications/{application.pk}/", {}, format="json"),
                 405, "method_not_allowed")
    assert_error(applicant_client.post("/api/stats/"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "query", ["?status=bogus", "?min_salary=abc", "?posted_after=yesterday", "?company=x"]
)
def test_bad_filters_are_400_not_500(anon, job, query):
    assert_error(anon.get(f"/api/jobs/{query}"), 400, "validation_error")


def test_malformed_json_is_400(recruiter_client):
    response = recruiter_client.generic("POST", "/api/jobs/", "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_json_list_body_is_400(applicant_client, job):
    response = applicant_client.post(f"/api/jobs/{job.pk}/apply/", [1, 2], format="json")
    assert_error(response, 400, "validation_error")


def test_unknown_ordering_field_is_ignored(anon, job):
    assert anon.get("/api/jobs/?ordering=password").status_code == 200


def test_every_integrity_error_is_409_even_a_check_violation(company):
    """docs/challenges/response-format.md: the handler does not look at which constraint failed."""
    from django.db import IntegrityError, transaction

    from core.exceptions import api_exception_handler
    from jobs.models import Job

    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Job.objects.create(company=company, title="Bad", description="x",
                           salary_min=90000, salary_max=10000)  # a CHECK, not a unique constraint
    response = api_exception_handler(caught.value, {})
    assert response.status_code == 409
    assert response.data["error"]["code"] == "conflict"
