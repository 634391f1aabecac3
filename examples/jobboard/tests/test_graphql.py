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


def test_typename_works_in_production(anon, job, settings):
    """Apollo, urql and Relay add __typename to every selection; it is not introspection."""
    assert settings.DEBUG is False
    body = gql(anon, "{ jobs { __typename title company { __typename name } } }").json()
    assert "errors" not in body, body
    assert body["data"]["jobs"][0]["__typename"] == "JobType"
    assert gql(anon, "{ __type(name: \"JobType\") { name } }").json()["errors"]


def test_many_aliased_lists_are_refused_before_they_run(anon, job, django_assert_num_queries):
    wide = "{ " + " ".join(f"a{n}: jobs(first: 50) {{ title company {{ name }} }}" for n in range(200)) + " }"
    gql(anon, "{ jobs { title } }")   # warms the IP blocklist's cache (core/middleware.py)
    with django_assert_num_queries(0):   # refused by validation: not one SQL query ran
        response = gql(anon, wide)
    error = response.json()["errors"][0]
    assert response.json().get("data") is None
    assert error["message"] == "This request renames 200 fields with aliases; the limit is 10."
    assert error["extensions"] == {"code": "query_too_expensive", "limit": "max_aliases", "maximum": 10, "found": 200}


def test_a_costly_query_is_refused_with_the_limit_it_passed(anon, job, django_assert_num_queries):
    costly = "{ companies(first: 50) { name jobs(first: 50) { title slug } } }"   # 1 + 50 * (1 + 1 + 50 * 2)
    gql(anon, "{ jobs { title } }")   # warms the IP blocklist's cache (core/middleware.py)
    with django_assert_num_queries(0):
        error = gql(anon, costly).json()["errors"][0]
    assert error["message"].startswith("This request would cost 5101; the limit is 2000.")
    assert error["extensions"]["limit"] == "max_cost"
    # A variable may ask for the maximum, so it is priced at the maximum.
    priced = gql(anon, "query($n: Int) { companies(first: $n) { jobs(first: $n) { title } } }", {"n": 1}).json()
    assert priced["errors"][0]["extensions"]["limit"] == "max_cost"
    assert "errors" not in gql(anon, "{ companies { name jobs { title } } }").json()


def test_lists_are_pages_with_a_maximum_size(anon, company):
    for n in range(3):
        Job.objects.create(company=company, title=f"Job {n}", description="d")
    titles = [j["title"] for j in gql(anon, "{ jobs(first: 2, offset: 1) { title } }").json()["data"]["jobs"]]
    assert titles == ["Job 1", "Job 0"]
    error = gql(anon, "{ jobs(first: 51) { title } }").json()["errors"][0]
    assert error["message"] == "first must be 1 to 50 and offset 0 or more."
    assert error["extensions"]["code"] == "validation_error"
