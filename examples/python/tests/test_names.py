"""Tests for names.py: `is` and `==`, shallow and deep copies, UnboundLocalError, dict loops."""

import pytest

import names


def test_is_compares_identity_and_eq_compares_values():
    result = names.identity_and_equality()
    assert result["same_value"] is True
    assert result["same_object"] is False
    assert result["a"] == ["python", "django", "drf"]  # changed through the other name
    assert result["no_value"] is True


def test_is_with_a_literal_warns_at_compile_time():
    # Python 3.8+ warns when the code is compiled (3.12+ names the type: "is" with 'str' literal).
    with pytest.warns(SyntaxWarning, match=r'"is" with .*literal\. Did you mean "=="\?'):
        compile("status = 'open'\nprint(status is 'open')\n", "jobs.py", "exec")


def test_shallow_copy_shares_inner_objects_and_deepcopy_does_not():
    jobs, shallow, deep = names.copies()
    assert len(jobs) == 1 and len(shallow) == 2  # the outer lists are separate
    assert jobs[0]["tags"] == ["python", "django"]  # the inner dict is shared with the shallow copy
    assert shallow[0] is jobs[0]
    assert deep[0]["tags"] == ["python"] and deep[0] is not jobs[0]


def test_assignment_anywhere_in_a_function_makes_the_name_local():
    with pytest.raises(UnboundLocalError, match="cannot access local variable 'job_count'"):
        names.add_job_broken()
    names.job_count = 0
    names.add_job_global()
    names.add_job_global()
    assert names.job_count == 2
    assert names.add_job(2) == 3
    counter = names.make_counter()
    assert [counter(), counter(), counter()] == [1, 2, 3]


def test_deleting_from_a_dict_while_looping_over_it():
    jobs = {"backend-dev": True, "sre": False, "data-eng": False}
    with pytest.raises(RuntimeError, match="dictionary changed size during iteration"):
        names.remove_closed_broken(dict(jobs))
    snapshot = dict(jobs)
    names.remove_closed(snapshot)
    assert snapshot == {"backend-dev": True}
    assert names.open_jobs(jobs) == {"backend-dev": True}
    assert jobs == {"backend-dev": True, "sre": False, "data-eng": False}  # the comprehension built a new dict


def test_closures_in_a_loop_see_the_last_value_unless_bound():
    late, bound = names.callbacks()
    assert late == ["publish data-eng"] * 3
    assert bound == ["publish backend-dev", "publish sre", "publish data-eng"]
