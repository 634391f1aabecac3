"""The N+1 problem in GraphQL and its fix, measured by counting SQL queries."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import Company, Job
from jobs.schema import demo_schema as schema  # the public schema plus jobsNaive

pytestmark = pytest.mark.django_db

NAIVE = "{ jobsNaive { title company { name } } }"
OPTIMIZED = "{ jobs { title company { name } } }"


def make_jobs(owner, count: int) -> None:
    for number in range(count):
        company = Company.objects.create(name=f"Company {Company.objects.count()}", owner=owner)
        Job.objects.create(company=company, title=f"Job {number}", description="d")


def count_queries(query: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        result = schema.execute(query)
    assert result.errors is None
    return len(ctx.captured_queries)


# --8<-- [start:test-n-plus-one]
def test_naive_resolver_runs_one_query_per_job(recruiter):
    make_jobs(recruiter, 5)
    assert count_queries(NAIVE) == 1 + 5  # the list, then one per company

    make_jobs(recruiter, 5)
    assert count_queries(NAIVE) == 1 + 10  # grows with the rows: N+1


def test_optimized_resolver_is_one_query_however_many_rows(recruiter, django_assert_num_queries):
    make_jobs(recruiter, 5)
    with django_assert_num_queries(1):  # select_related: one JOIN
        schema.execute(OPTIMIZED)

    make_jobs(recruiter, 20)
    with django_assert_num_queries(1):  # still one
        result = schema.execute(OPTIMIZED.replace("jobs", "jobs(first: 25)", 1))
    assert len(result.data["jobs"]) == 25
# --8<-- [end:test-n-plus-one]


def test_naive_and_optimized_return_the_same_data(recruiter):
    make_jobs(recruiter, 4)
    naive = schema.execute(NAIVE).data["jobsNaive"]
    optimized = schema.execute(OPTIMIZED).data["jobs"]
    key = lambda j: j["title"]  # noqa: E731
    assert sorted(naive, key=key) == sorted(optimized, key=key)


def test_prefetch_related_for_reverse_relation(recruiter, django_assert_num_queries):
    for number in range(6):
        company = Company.objects.create(name=f"C{number}", owner=recruiter)
        Job.objects.create(company=company, title="a", description="d")
        Job.objects.create(company=company, title="b", description="d")
    with django_assert_num_queries(2):  # companies + all their jobs
        result = schema.execute("{ companies { name jobs { title } } }")
    assert sum(len(c["jobs"]) for c in result.data["companies"]) == 12


def test_rest_job_list_query_count_is_constant(recruiter_client, company, django_assert_num_queries):
    for number in range(3):
        Job.objects.create(company=company, title=f"J{number}", description="d")
    recruiter_client.get("/health/")  # warm the blocklist cache
    # JWT user lookup + COUNT(*) + one page with companies joined
    with django_assert_num_queries(3):
        recruiter_client.get("/api/jobs/")
    for number in range(7):
        Job.objects.create(company=company, title=f"K{number}", description="d")
    with django_assert_num_queries(3):
        recruiter_client.get("/api/jobs/")
