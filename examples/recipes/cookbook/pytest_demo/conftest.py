import pytest


# --8<-- [start:fixtures]
@pytest.fixture
def applicant_emails():
    return ["ana@example.com", "ben@example.com"]


@pytest.fixture
def no_emails():
    return []
# --8<-- [end:fixtures]
