"""GraphQL endpoint: query, mutation with JWT auth, GraphiQL off outside DEBUG."""
import pytest

from jobs.models import Application, Job

from .conftest import auth_client

pytestmark = pytest.mark.django_db

# --8<-- [start:graphql-client-queries]
APPLY = 'mutation($id: ID!) { applyToJob(jobId: $id, coverLetter: "Hi") { application { id status } } }'


def gql(client, query, variables=None):
    """One POST to /graphql/ with a JSON body {"query", "variables"}, as any GraphQL client sends."""
    return client.post("/graphql/", {"query": query, "variables": variables or {}}, format="json")


def test_jobs_query_with_company(anon, job):
    response = gql(anon, "{ jobs { title slug company { name } } }")
    assert response.status_code == 200
    assert response.json()["data"]["jobs"] == [
        {"title": job.title, "slug": job.slug, "company": {"name": "Acacia Labs"}}
    ]


def test_jobs_query_search_argument(anon, job):
    assert gql(anon, '{ jobs(search: "python") { title } }').json()["data"]["jobs"] == []


def test_mutation_requires_authentication(anon, job):
    body = gql(anon, APPLY, {"id": job.pk}).json()
    assert body["errors"][0]["message"] == "Authentication required."
    assert body["errors"][0]["extensions"]["code"] == "not_authenticated"
    assert not Application.objects.exists()


def test_mutation_requires_applicant_role(recruiter_client, job):
    body = gql(recruiter_client, APPLY, {"id": job.pk}).json()
    assert body["errors"][0]["extensions"]["code"] == "permission_denied"


def test_mutation_applies_with_jwt_and_rejects_duplicates(applicant_client, job):
    body = gql(applicant_client, APPLY, {"id": job.pk}).json()
    assert body["data"]["applyToJob"]["application"]["status"] == "SUBMITTED"
    assert Application.objects.filter(job=job).count() == 1
    again = gql(applicant_client, APPLY, {"id": job.pk}).json()
    assert again["errors"][0]["extensions"]["code"] == "conflict"
# --8<-- [end:graphql-client-queries]


def test_invalid_jwt_is_401(job):
    client = auth_client()
    client.credentials(HTTP_AUTHORIZATION="Bearer broken")
    response = gql(client, "{ jobs { title } }")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_graphiql_is_off_when_debug_is_off(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()


def test_companies_show_open_jobs_only(anon, job):
    Job.objects.create(company=job.company, title="Secret draft", description="d", status=Job.Status.DRAFT)
    companies = gql(anon, "{ companies { name jobs { title } } }").json()["data"]["companies"]
    assert [j["title"] for c in companies for j in c["jobs"]] == [job.title]


def test_deeply_nested_query_is_refused(anon, job):
    deep = "{ companies { jobs { company { jobs { company { jobs { title } } } } } } }"
    body = gql(anon, deep).json()
    assert "data" not in body or body["data"] is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    assert "errors" not in gql(anon, "{ companies { name jobs { title company { name } } } }").json()


def test_introspection_is_off_in_production(anon, settings):
    assert settings.DEBUG is False
    body = gql(anon, "{ __schema { types { name } } }").json()
    assert body["errors"], "introspection must be refused when DEBUG is off"


def test_the_specification_rules_still_apply(anon, job):
    """validation_rules replace graphql-core's defaults; a misspelt field must still be an error."""
    body = gql(anon, "{ jobs { title salary } }").json()
    assert "data" not in body or body["data"] is None
    assert body["errors"][0]["message"].startswith("Cannot query field 'salary' on type 'JobType'.")
