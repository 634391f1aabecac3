"""docs/howto/testing.md: the pytest recipes, run for real.

cookbook/pytest_demo/ is a small suite of its own (its own pytest.ini). The tests here copy it to
tmp_path, run it with pytest in a subprocess, and check the outcome of every test in it, so each
recipe shows what really happens, including the patch that misses. The pytest-django recipe is
this project itself: its pytest.ini and the test below.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path
from unittest.mock import patch

import pytest

from cookbook.djangotime import opening

DEMO = Path(__file__).resolve().parents[1] / "cookbook" / "pytest_demo"


@pytest.fixture
def demo(tmp_path):
    """A copy of the demo suite: nothing the runs write (.coverage, caches) lands in the repository."""
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy, ignore=shutil.ignore_patterns("__pycache__", ".coverage"))
    return copy


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "COV_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-rA", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


def outcomes(output: str) -> dict[str, str]:
    """{'test_file.py::test_name[id]': 'PASSED' | 'FAILED' | 'XFAIL' ...} from pytest's -rA summary."""
    pattern = r"^(PASSED|FAILED|XFAIL|XPASS|ERROR|SKIPPED) (.+?)(?: - .*)?$"  # ids may contain spaces
    return {m.group(2): m.group(1) for m in re.finditer(pattern, output, re.M)}


def test_the_demo_suite_outcomes(demo):
    result = pytest_in(demo)
    assert result.returncode == 0, result.stdout
    seen = outcomes(result.stdout)
    # parametrize: one report line per case, ids from the values or from pytest.param(id=...)
    for case in ("85000-85000", "85,000-85000", " 1_200 -1200", "zero"):
        assert seen[f"test_parametrize.py::test_parse_salary[{case}]"] == "PASSED"
    assert seen["test_parametrize.py::test_parse_salary[85.5-85]"] == "XFAIL"  # marks=xfail, per case
    assert seen["test_parametrize.py::test_counts_from_fixtures[applicant_emails-2]"] == "PASSED"
    assert seen["test_parametrize.py::test_counts_from_fixtures[no_emails-0]"] == "PASSED"
    # pytest.raises, mocking and the clock
    for name in ("test_raises.py::test_rejects_text", "test_raises.py::test_the_block_must_raise",
                 "test_mocking.py::test_alerts_every_applicant", "test_mocking.py::test_patching_the_definition_misses",
                 "test_mocking.py::test_a_failing_mail_server", "test_mocking.py::test_monkeypatch_swaps_in_a_plain_fake",
                 "test_time.py::test_open_before_the_deadline",
                 "test_time.py::test_datetime_itself_cannot_be_patched"):
        assert seen[name] == "PASSED", name
    assert "14 passed, 1 xfailed" in result.stdout


def test_a_wrong_patch_target_lets_the_real_function_run(demo):
    """The symptom the mocking recipe prevents: with the definition patched, the real sender runs."""
    test = demo / "test_mocking.py"
    test.write_text(test.read_text().replace('patch("alerts.send_email") as send',
                                             'patch("mailer.send_email") as send'))
    result = pytest_in(demo, "test_mocking.py::test_alerts_every_applicant")
    assert result.returncode == 1
    assert "RuntimeError: a test tried to send a real email to ana@example.com" in result.stdout


def region(file: Path, name: str) -> str:
    match = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]", file.read_text(), re.S)
    assert match, name
    return match.group(1)


def run_region(demo: Path, name: str) -> subprocess.CompletedProcess:
    """A region of coverage.sh, with `python` meaning this test's interpreter (which has pytest-cov)."""
    pytest.importorskip("pytest_cov")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "COV_"))}
    env.update(PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(["bash", "-c", region(demo / "coverage.sh", name)], cwd=demo, env=env,
                          capture_output=True, text=True, timeout=120)


def test_coverage_report_and_threshold(demo):
    report = run_region(demo, "report")
    assert report.returncode == 0, report.stdout + report.stderr
    assert re.search(r"^alerts\.py\s+5\s+0\s+100%", report.stdout, re.M)  # Stmts Miss Cover Missing
    assert re.search(r"^TOTAL\s+\d+\s+\d+\s+9\d%", report.stdout, re.M)
    passed = run_region(demo, "fail-under")
    assert passed.returncode == 0 and "Required test coverage of 95% reached" in passed.stdout
    # The same gate with a bar the suite does not reach fails the run (exit code 1 in CI):
    (demo / "coverage.sh").write_text((demo / "coverage.sh").read_text().replace("fail-under=95", "fail-under=100"))
    failed = run_region(demo, "fail-under")
    assert failed.returncode == 1 and "FAIL Required test coverage of 100% not reached" in failed.stdout


def test_coverage_of_a_module_that_no_test_imports(demo):
    """The 0 % symptom: --cov names something the tests never import (a typo, the wrong folder)."""
    result = pytest_in(demo, "--cov=jobs", "--cov-report=term")
    combined = result.stdout + result.stderr
    assert "Module jobs was never imported. (module-not-imported)" in combined
    assert "No data was collected. (no-data-collected)" in combined


# --------------------------------------------------------------------------- Django and the clock

def test_patch_django_timezone_now():
    deadline = datetime(2026, 3, 10, 9, 0, tzinfo=dt_timezone.utc)
    # --8<-- [start:django-now]
    frozen = datetime(2026, 3, 1, 9, 0, tzinfo=dt_timezone.utc)
    with patch("django.utils.timezone.now", return_value=frozen):  # code calls timezone.now()
        assert opening.days_left(deadline) == 9
    # --8<-- [end:django-now]
    assert opening.days_left(datetime.now(dt_timezone.utc) + timedelta(days=3, hours=1)) == 3


# --8<-- [start:pytest-django]
@pytest.mark.django_db                         # this test may use the (test) database
def test_signup_creates_a_user(client, django_user_model):
    django_user_model.objects.create_user(username="ana", password="s3cret-pass")
    assert client.login(username="ana", password="s3cret-pass")  # `client`: Django's test client
    assert django_user_model.objects.count() == 1                # rolled back after the test
# --8<-- [end:pytest-django]
