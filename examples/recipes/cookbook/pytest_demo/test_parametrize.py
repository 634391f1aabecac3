import pytest

from salaries import parse_salary


# --8<-- [start:parametrize]
@pytest.mark.parametrize(
    ("text", "expected"),                        # argument names, one tuple per case below
    [
        ("85000", 85000),
        ("85,000", 85000),
        (" 1_200 ", 1200),
        pytest.param("0", 0, id="zero"),         # a readable name in the report
        pytest.param("85.5", 85, marks=pytest.mark.xfail(reason="decimals not supported yet")),
    ],
)
def test_parse_salary(text, expected):
    assert parse_salary(text) == expected
# --8<-- [end:parametrize]


# --8<-- [start:parametrize-fixtures]
@pytest.mark.parametrize(("emails_fixture", "count"), [("applicant_emails", 2), ("no_emails", 0)])
def test_counts_from_fixtures(request, emails_fixture, count):
    emails = request.getfixturevalue(emails_fixture)   # a fixture chosen by name, per case
    assert len(emails) == count
# --8<-- [end:parametrize-fixtures]
