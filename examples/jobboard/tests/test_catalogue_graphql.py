"""GraphQL errors of the catalogue (docs/troubleshooting/graphql.md), triggered at /graphql/."""
import pytest
from catalogue import assert_reproduces
from django.test import Client
from django.urls import include, path
from graphene_django.views import GraphQLView

from jobs.models import Job
from jobs.schema import demo_schema, schema

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


# The wrong variant of config/urls.py: /graphql/ without csrf_exempt, ahead of the real routes.
urlpatterns = [path("graphql/", GraphQLView.as_view(schema=schema)), path("", include("config.urls"))]


def test_graphql_view_without_csrf_exempt(settings, caplog):
    # Postman, curl or a mobile app POSTs to /graphql/ without Django's CSRF cookie. (The test
    # clients skip CSRF checks unless told otherwise, which is why a test suite misses this.)
    settings.ROOT_URLCONF = __name__
    caplog.set_level("WARNING", logger="django.security.csrf")
    response = Client(enforce_csrf_checks=True).post(
        "/graphql/", {"query": "{ jobs { title } }"}, content_type="application/json")
    assert response.status_code == 403
    assert_reproduces(caplog.text, "graphql/csrf-cookie-not-set")
