"""REST API: happy paths, permissions, pagination, filtering, search, ordering."""
import pytest

from jobs.models import Application, Company, Job

from .conftest import assert_error, auth_client

pytestmark = pytest.mark.django_db


# --8<-- [start:test-list-jobs]
def test_list_jobs_is_public_and_paginated(anon, company):
    for number in range(15):
        Job.objects.create(company=company, title=f"Job {number}", description="d")

    response = anon.get("/api/jobs/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 15
    assert len(body["results"]) == 10  # PAGE_SIZE
    assert body["next"].endswith("/api/jobs/?page=2")
    assert body["results"][0]["company_name"] == "Acacia Labs"
    assert len(anon.get("/api/jobs/?page=2").json()["results"]) == 5
# --8<-- [end:test-list-jobs]


# --8<-- [start:test-create-job-permissions]
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("applicant", 403), ("recruiter", 201)],
)
def test_only_recruiters_create_jobs(who, expected, company, applicant):
    users = {"anonymous": None, "applicant": applicant, "recruiter": company.owner}
    client = auth_client(users[who])

    response = client.post(
        "/api/jobs/",
        {"company": company.pk, "title": "Data Engineer", "description": "ETL",
         "salary_min": 50000, "salary_max": 70000},
        format="json",
    )

    assert response.status_code == expected
    assert Job.objects.filter(title="Data Engineer").exists() == (expected == 201)
# --8<-- [end:test-create-job-permissions]


def test_retrieve_job(anon, job):
    response = anon.get(f"/api/jobs/{job.pk}/")
    assert response.status_code == 200
    assert response.json()["slug"] == job.slug


def test_recruiter_cannot_post_for_someone_elses_company(other_recruiter, company):
    response = auth_client(other_recruiter).post(
        "/api/jobs/", {"company": company.pk, "title": "Sneaky", "description": "x"}, format="json"
    )
    error = assert_error(response, 403, "permission_denied")   # a role/ownership refusal, not bad input
    assert error["message"] == "You can only post jobs for your own company."


def test_owner_updates_and_deletes_job(recruiter_client, job):
    response = recruiter_client.patch(f"/api/jobs/{job.pk}/", {"title": "Senior Dev"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Senior Dev"
    assert recruiter_client.delete(f"/api/jobs/{job.pk}/").status_code == 204
    assert not Job.objects.filter(pk=job.pk).exists()


def test_other_recruiter_cannot_edit_job(other_recruiter, job):
    response = auth_client(other_recruiter).patch(f"/api/jobs/{job.pk}/", {"title": "Mine"}, format="json")
    assert_error(response, 403, "permission_denied")


def test_patch_checks_salary_against_stored_value(recruiter_client, job):
    response = recruiter_client.patch(f"/api/jobs/{job.pk}/", {"salary_min": 99999}, format="json")
    error = assert_error(response, 400, "validation_error")
    assert "salary_min" in error["details"]


def test_drafts_are_hidden_from_others_but_visible_to_owner(anon, recruiter_client, job):
    Job.objects.filter(pk=job.pk).update(status="draft")
    assert anon.get("/api/jobs/").json()["count"] == 0
    assert_error(anon.get(f"/api/jobs/{job.pk}/"), 404, "not_found")
    assert recruiter_client.get("/api/jobs/").json()["count"] == 1


def test_filter_by_status_salary_and_remote(anon, company):
    Job.objects.create(company=company, title="A", description="d", salary_min=10, salary_max=20)
    Job.objects.create(company=company, title="B", description="d", salary_min=50, salary_max=90,
                       is_remote=True)
    Job.objects.create(company=company, title="C", description="d", status="closed")
    titles = lambda url: sorted(j["title"] for j in anon.get(url).json()["results"])  # noqa: E731
    assert titles("/api/jobs/?status=closed") == ["C"]
    assert titles("/api/jobs/?min_salary=40") == ["B"]
    assert titles("/api/jobs/?max_salary=30") == ["A"]
    assert titles("/api/jobs/?remote=true") == ["B"]


def test_search_and_ordering(anon, company):
    Job.objects.create(company=company, title="Python Developer", description="d", salary_max=100)
    Job.objects.create(company=company, title="Go Developer", description="d", salary_max=300)
    Job.objects.create(company=company, title="Designer", description="Figma", salary_max=200)
    found = anon.get("/api/jobs/?search=developer").json()["results"]
    assert {j["title"] for j in found} == {"Python Developer", "Go Developer"}
    ordered = anon.get("/api/jobs/?ordering=-salary_max").json()["results"]
    assert [j["salary_max"] for j in ordered] == [300, 200, 100]


def test_search_matches_company_name(anon, job):
    assert anon.get("/api/jobs/?search=acacia").json()["count"] == 1


def test_company_crud(recruiter_client, other_recruiter, anon):
    response = recruiter_client.post("/api/companies/", {"name": "Nile Tech"}, format="json")
    assert response.status_code == 201
    assert response.json()["owner"] == "rita"
    company_id = response.json()["id"]
    assert anon.get("/api/companies/").json()["count"] == 1
    denied = auth_client(other_recruiter).patch(f"/api/companies/{company_id}/", {"name": "X"}, format="json")
    assert_error(denied, 403)
    assert recruiter_client.patch(f"/api/companies/{company_id}/", {"name": "Nile Tech 2"},
                                  format="json").status_code == 200


def test_apply_via_job_action(applicant_client, job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant_client.post(f"/api/jobs/{job.pk}/apply/", {"cover_letter": "Hi"}, format="json")
    assert response.status_code == 201
    assert response.json()["job"] == job.pk
    assert Application.objects.filter(job=job, applicant__username="abel").exists()


def test_apply_via_applications_endpoint(applicant_client, job):
    response = applicant_client.post("/api/applications/", {"job": job.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"


def test_recruiter_cannot_apply(recruiter_client, job):
    assert_error(recruiter_client.post(f"/api/jobs/{job.pk}/apply/", {}, format="json"), 403)


def test_cannot_apply_to_closed_job(applicant_client, job):
    Job.objects.filter(pk=job.pk).update(status="closed")
    response = applicant_client.post("/api/applications/", {"job": job.pk}, format="json")
    error = assert_error(response, 409, "conflict")   # valid input; the job's state refuses it
    assert error["details"]["job"] == ["This job is not accepting applications."]


def test_applicant_sees_only_own_applications(applicant, other_applicant, job):
    mine = Application.objects.create(job=job, applicant=applicant)
    theirs = Application.objects.create(job=job, applicant=other_applicant)
    client = auth_client(applicant)
    ids = [a["id"] for a in client.get("/api/applications/").json()["results"]]
    assert ids == [mine.pk]
    assert_error(client.get(f"/api/applications/{theirs.pk}/"), 404, "not_found")


def test_recruiter_sees_and_updates_applications_to_own_jobs(recruiter_client, applicant, job):
    application = Application.objects.create(job=job, applicant=applicant)
    assert recruiter_client.get("/api/applications/").json()["count"] == 1
    response = recruiter_client.patch(f"/api/applications/{application.pk}/",
                                      {"status": "reviewing"}, format="json")
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "reviewing"


def test_other_recruiter_cannot_see_application(other_recruiter, applicant, job):
    application = Application.objects.create(job=job, applicant=applicant)
    assert_error(auth_client(other_recruiter).get(f"/api/applications/{application.pk}/"), 404)


def test_applicant_cannot_change_status_but_can_withdraw(applicant_client, applicant, job):
    application = Application.objects.create(job=job, applicant=applicant)
    response = applicant_client.patch(f"/api/applications/{application.pk}/", {"status": "accepted"},
                                      format="json")
    assert_error(response, 403)
    assert applicant_client.delete(f"/api/applications/{application.pk}/").status_code == 204


def test_health_endpoint(anon):
    response = anon.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_liveness_endpoint_needs_no_database(anon, django_assert_num_queries):
    with django_assert_num_queries(0):  # not even the blocklist: liveness survives a database outage
        response = anon.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_register_and_me(anon):
    response = anon.post("/api/auth/register/", {"username": "lily", "email": "lily@example.com",
                                                 "password": "correct-horse-77", "role": "recruiter"},
                         format="json")
    assert response.status_code == 201
    assert "password" not in response.json()
    token = anon.post("/api/auth/token/", {"username": "lily", "password": "correct-horse-77"},
                      format="json").json()["access"]
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert anon.get("/api/auth/me/").json()["role"] == "recruiter"


def test_register_rejects_weak_password(anon):
    response = anon.post("/api/auth/register/", {"username": "w", "email": "w@example.com",
                                                 "password": "12345678"}, format="json")
    assert "password" in assert_error(response, 400, "validation_error")["details"]


def test_company_list_query_count_is_constant(anon, recruiter, django_assert_max_num_queries):
    for number in range(12):
        Company.objects.create(name=f"Company {number}", owner=recruiter)
    anon.get("/health/")  # warm the blocklist cache
    with django_assert_max_num_queries(2):  # COUNT(*) + one page with owners joined
        assert anon.get("/api/companies/").status_code == 200
