"""Async stats view and the OpenAPI schema."""
import pytest
import yaml
from django.core.management import call_command

from jobs.models import Application, Job

pytestmark = pytest.mark.django_db


def test_async_stats_view(client, job, applicant):
    Job.objects.create(company=job.company, title="Closed", description="d", status="closed")
    Application.objects.create(job=job, applicant=applicant)
    response = client.get("/api/stats/")
    assert response.status_code == 200
    assert response.json() == {"open_jobs": 1, "companies": 1, "applications": 1}


def test_async_view_is_a_coroutine_function_and_runs_via_async_to_sync(rf, job):
    import asyncio

    from asgiref.sync import async_to_sync

    from jobs.async_views import job_stats

    assert asyncio.iscoroutinefunction(job_stats)
    response = async_to_sync(job_stats)(rf.get("/api/stats/"))
    assert response.status_code == 200
    assert b'"open_jobs": 1' in response.content


def test_openapi_schema_is_valid(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert {"/api/jobs/", "/api/jobs/{id}/apply/", "/api/auth/token/"} <= set(schema["paths"])
    assert "jwtAuth" in schema["components"]["securitySchemes"]


def test_schema_generation_has_no_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert (tmp_path / "s.yml").read_text().startswith("openapi:")


def test_swagger_ui_page(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
