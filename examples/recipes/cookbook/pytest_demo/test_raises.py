import pytest

from salaries import parse_salary


# --8<-- [start:raises]
def test_rejects_text():
    with pytest.raises(ValueError, match=r"not a salary: 'negotiable'") as info:
        parse_salary("negotiable")
    assert info.type is ValueError             # the exception is kept for more checks


def test_the_block_must_raise():
    with pytest.raises(pytest.fail.Exception, match="^DID NOT RAISE ValueError$"):
        with pytest.raises(ValueError):
            parse_salary("85000")              # no error: pytest.raises fails the test
# --8<-- [end:raises]
