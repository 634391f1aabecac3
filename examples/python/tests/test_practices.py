"""Tests for practices.py: what docs/practices/{clean-code,documentation,defensive}.md claim."""

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import practices
from practices import (
    ConfigError,
    JobPosting,
    SalaryError,
    apply_discount,
    load_settings,
    open_postings,
    page_size_eafp,
    page_size_lbyl,
    salary_range,
)

HERE = Path(practices.__file__).resolve().parent


def test_names_follow_pep8():
    job = JobPosting("Backend Developer", 60_000)
    assert job.is_well_paid() is True
    assert job._slug == "backend-developer"
    assert len(open_postings([job] * 150)) == practices.MAX_PAGE_SIZE


def test_docstring_is_what_help_shows():
    doc = inspect.getdoc(salary_range)
    assert doc.splitlines()[0] == "Return a salary range that a job search can filter on."
    for section in ("Args:", "Returns:", "Raises:"):
        assert section in doc
    assert salary_range(100) == (100, 1000)
    with pytest.raises(SalaryError):
        salary_range(10, 5)


def test_raise_checks_input_even_with_optimize():
    assert apply_discount(200, 25) == 150
    with pytest.raises(ValueError, match="between 0 and 100"):
        apply_discount(200, 150)
    # Under -O, assert statements are removed but the explicit raise still runs.
    code = (
        "import practices\n"
        "try:\n    practices.apply_discount(200, 150)\n"
        "except ValueError:\n    print('raised')\n"
        "assert False, 'never seen under -O'\n"
        "print('asserts off')\n"
    )
    out = subprocess.run([sys.executable, "-O", "-c", code], cwd=HERE,
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["raised", "asserts", "off"]


def test_narrow_except(tmp_path):
    assert load_settings(tmp_path / "missing.json") == {"page_size": 20}
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"page_size": 50}), encoding="utf-8")
    assert load_settings(good) == {"page_size": 50}
    bad = tmp_path / "bad.json"
    bad.write_text("{page_size: 50", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)
    # A directory is neither missing nor JSON: the error is not swallowed.
    with pytest.raises((IsADirectoryError, PermissionError)):
        load_settings(tmp_path)


@pytest.mark.parametrize("params, expected", [
    ({}, 20), ({"page_size": "abc"}, 20), ({"page_size": "30"}, 30), ({"page_size": "999"}, 100),
])
def test_eafp_and_lbyl_agree(params, expected):
    assert page_size_lbyl(params) == page_size_eafp(params) == expected


def test_lbyl_check_can_be_wrong_where_eafp_is_not():
    params = {"page_size": "²"}  # "²".isdigit() is True, int("²") raises ValueError
    assert page_size_eafp(params) == 20
    with pytest.raises(ValueError):
        page_size_lbyl(params)
