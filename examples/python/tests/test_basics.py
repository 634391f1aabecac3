"""Tests for basics.py: list comprehension or map(), and a dataclass that does not validate."""

import basics


def test_comprehension_and_map_give_the_same_list():
    result = basics.comprehension_and_map()
    assert result["as_ints"] == [52000, 61000, 48000]
    assert result["high"] == [52000, 61000]
    assert result["high_map"] == result["high"]


def test_map_is_a_one_shot_iterator():
    result = basics.comprehension_and_map()
    assert result["first_pass"] == [52000, 61000, 48000]
    assert result["second_pass"] == []


def test_dataclass_does_not_check_types():
    assert basics.row.salary == "lots"
    assert basics.JobRow("a", 1) == basics.JobRow("a", 1)  # __eq__ is generated


def test_pydantic_model_validates_and_converts():
    # What the comment in basics.py says about Pydantic v2 (skipped where it is not installed).
    import pytest

    pydantic = pytest.importorskip("pydantic")

    class JobModel(pydantic.BaseModel):
        title: str
        salary: int

    assert JobModel(title="Backend dev", salary="52000").salary == 52000
    with pytest.raises(pydantic.ValidationError):
        JobModel(title="Backend dev", salary="lots")
