"""Tests for basics.py: list comprehension or map(), and what dataclasses check and allow."""

import basics


def test_comprehension_and_map_give_the_same_list():
    result = basics.comprehension_and_map()
    assert result["as_ints"] == [52000, 61000, 48000]
    assert result["high"] == [52000, 61000]
    assert result["high_map"] == result["high"]


def test_dict_and_set_comprehensions():
    result = basics.comprehension_and_map()
    assert result["title_lengths"] == {"Backend dev": 11, "SRE": 3, "Data engineer": 13}
    assert result["by_slug"] == {"backend-dev": "Backend dev", "data-engineer": "Data engineer"}
    assert result["first_letters"] == {"B", "S", "D"}


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


def test_default_factory_gives_each_instance_its_own_list():
    assert basics.first.tags == ["remote"]
    assert basics.second.tags == []
    assert basics.first.tags is not basics.second.tags
    assert basics.first.skills == ["python"] and basics.first.skills is not basics.second.skills


def test_kw_only_subclass_accepts_a_required_field_after_a_default():
    import dataclasses

    import pytest

    assert basics.paid == basics.PaidListing(title="Backend dev", remote=False, salary=52000)
    assert [f.name for f in dataclasses.fields(basics.PaidListing)] == ["title", "remote", "salary"]
    with pytest.raises(TypeError):   # keyword-only: salary cannot be passed by position
        basics.PaidListing("Backend dev", False, 52000)
