"""GraphQL errors of the catalogue (docs/troubleshooting/graphql.md), triggered at /graphql/."""
import pytest
from catalogue import assert_reproduces

from jobs.models import Job
from jobs.schema import demo_schema

pytestmark = pytest.mark.django_db


def gql(client, query, variables=None):
    return client.post("/graphql/", {"query": query, "variables": variables or {}}, format="json")


def first_error(response) -> str:
    return response.json()["errors"][0]["message"]


def test_cannot_query_field(anon):
    response = gql(anon, "{ jobs { title salary } }")  # the type has salaryMin and salaryMax
    assert response.status_code == 400
    assert_reproduces(first_error(response), "graphql/cannot-query-field")


def test_unknown_argument(anon):
    response = gql(anon, '{ jobs(status: "open") { title } }')
    assert_reproduces(first_error(response), "graphql/unknown-argument")


def test_depth_limit(anon):
    deep = "{ companies { jobs { company { jobs { company { jobs { title } } } } } } }"
    assert_reproduces(first_error(gql(anon, deep)), "graphql/depth-limit")


def test_introspection_disabled(anon):
    # What GraphiQL, Postman or a code generator sends first when DEBUG is off.
    assert_reproduces(first_error(gql(anon, "{ __schema { types { name } } }")), "graphql/introspection-disabled")


def test_must_provide_query_string(anon):
    response = anon.post("/graphql/", {"variables": {}}, format="json")
    assert response.status_code == 400
    assert_reproduces(first_error(response), "graphql/must-provide-query")


def test_variable_not_provided(anon):
    query = 'mutation($id: ID!) { applyToJob(jobId: $id) { application { id } } }'
    response = anon.post("/graphql/", {"query": query}, format="json")
    assert_reproduces(first_error(response), "graphql/variable-not-provided")


def test_n_plus_one_query_count(company, django_assert_num_queries):
    for n in range(3):
        Job.objects.create(company=company, title=f"Job {n}", description="d")
    with pytest.raises(pytest.fail.Exception) as failure:
        with django_assert_num_queries(1):  # what the optimized `jobs` field needs
            result = demo_schema.execute("{ jobsNaive { title company { name } } }")
            assert result.errors is None
    assert_reproduces(str(failure.value), "graphql/n-plus-one")
