"""Property-based tests: random input never crashes validation or the API."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rest_framework.exceptions import ValidationError

from jobs.serializers import JobSerializer

salaries = st.one_of(st.none(), st.integers(min_value=-10**9, max_value=10**9))
VALID_TITLE = "Backend Engineer"


# --8<-- [start:test-hypothesis]
@given(salary_min=salaries, salary_max=salaries)
def test_salary_validation_agrees_with_the_rule(salary_min, salary_max):
    data = {"title": VALID_TITLE, "description": "d", "company": None,
            "salary_min": salary_min, "salary_max": salary_max}
    serializer = JobSerializer(data=data)
    serializer.fields["company"].required = False  # focus on salaries
    serializer.fields["company"].allow_null = True

    valid = serializer.is_valid()  # must never raise

    in_range = all(v is None or 0 <= v <= 10_000_000 for v in (salary_min, salary_max))
    ordered = salary_min is None or salary_max is None or salary_min <= salary_max
    assert valid == (in_range and ordered), serializer.errors


@given(title=st.text(max_size=300))
def test_any_title_is_either_accepted_or_rejected_cleanly(title):
    serializer = JobSerializer()
    try:  # the field's own checks, then validate_title(), as is_valid() runs them
        clean = serializer.validate_title(serializer.fields["title"].run_validation(title))
    except ValidationError:
        return  # a clean 400, never a crash
    assert 3 <= len(clean) <= 200
    assert clean == " ".join(clean.split())  # whitespace collapsed


# --8<-- [end:test-hypothesis]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(
    st.sampled_from(["title", "description", "salary_min", "salary_max", "company", "status",
                     "employment_type", "is_remote", "expires_at"]),
    json_values, max_size=9,
))
def test_job_endpoint_never_answers_500(recruiter_client, company, payload):
    response = recruiter_client.post("/api/jobs/", payload, format="json")
    assert response.status_code in (201, 400), response.content
