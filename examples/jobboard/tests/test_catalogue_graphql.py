"""GraphQL errors of the catalogue (docs/troubleshooting/graphql.md), triggered at /graphql/."""
import graphene
import pytest
from catalogue import assert_reproduces, printed
from django.test import Client
from django.urls import include, path
from graphene_django import DjangoObjectType
from graphene_django.converter import convert_choice_name
from graphene_django.registry import Registry
from graphene_django.views import GraphQLView

from jobs.models import Job
from jobs.schema import JobType, demo_schema, schema

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


def schema_error(arguments: dict, input_fields: dict | None = None) -> str:
    """What building a schema prints when a mutation's Arguments hold the given attributes."""
    job_input = type("JobInput", (graphene.InputObjectType,), input_fields or {"title": graphene.String()})
    arguments = {name: value(job_input) if callable(value) else value for name, value in arguments.items()}
    create_job = type("CreateJob", (graphene.Mutation,), {
        "Arguments": type("Arguments", (), arguments), "ok": graphene.Boolean(),
        "mutate": lambda root, info, **kwargs: None})
    with pytest.raises((TypeError, ValueError)) as excinfo:   # at the field, or when the schema is built
        mutation = type("Mutation", (graphene.ObjectType,), {"create_job": create_job.Field()})
        graphene.Schema(query=type("Query", (graphene.ObjectType,), {"hello": graphene.String()}),
                        mutation=mutation, types=[JobType])
    return printed(excinfo.value)


@pytest.mark.django_db(databases=[])  # building a schema reads no rows
def test_output_type_used_as_mutation_input():
    assert_reproduces(schema_error({"job": graphene.List(JobType)}), "graphql/argument-not-input-type")
    assert_reproduces(schema_error({"job": JobType()}), "graphql/argument-instance-of-output-type")
    assert_reproduces(schema_error({"input": lambda job_input: job_input(required=True)},
                                   {"company": graphene.Field(JobType)}), "graphql/input-field-not-input-type")
    assert_reproduces(schema_error({"job_data": lambda job_input: graphene.InputField(job_input)}),
                      "graphql/inputfield-in-arguments")


# --8<-- [start:choices-as-strings]
class JobWithPlainChoices(DjangoObjectType):
    class Meta:
        model = Job
        fields = ("id", "title", "status", "employment_type")
        convert_choices_to_enum = False  # or a list of the choice fields that should stay enums
        registry = Registry()  # only because the Job Board's JobType already owns the default registry
# --8<-- [end:choices-as-strings]


def test_choice_fields_answer_enum_names(anon, company):
    Job.objects.create(company=company, title="Backend developer", description="d")
    job = gql(anon, "{ jobs { status employmentType } }").json()["data"]["jobs"][0]
    assert job == {"status": "OPEN", "employmentType": "FULL_TIME"}  # the REST API says "open", "full_time"
    assert convert_choice_name(1) == "A_1"  # an IntegerField's choice 1 is no valid GraphQL name
    # An argument typed with the converted enum wants the name, not the stored value.
    status_enum = JobType._meta.fields["status"].type.of_type  # NonNull(JobsJobStatusChoices)
    query = type("Query", (graphene.ObjectType,), {
        "count": graphene.Int(status=graphene.Argument(status_enum, required=True)),
        "resolve_count": lambda root, info, status: Job.objects.filter(status=status.value).count()})
    result = graphene.Schema(query=query).execute('{ count(status: "open") }')
    assert result.errors[0].message == (
        "Enum 'JobsJobStatusChoices' cannot represent non-enum value: \"open\". Did you mean the enum value 'OPEN'?")
    assert graphene.Schema(query=query).execute("{ count(status: OPEN) }").data == {"count": 1}  # status.value
    # The fix: a type that keeps the stored values as strings.
    plain = graphene.Schema(query=type("Query", (graphene.ObjectType,), {
        "jobs": graphene.List(JobWithPlainChoices), "resolve_jobs": lambda root, info: Job.objects.all()}))
    assert plain.execute("{ jobs { status employmentType } }").data == {
        "jobs": [{"status": "open", "employmentType": "full_time"}]}
