"""pytest and pytest-django errors of the catalogue (docs/troubleshooting/pytest.md).

Each test writes a small, wrong project into pytester's temporary folder and runs pytest on it
in a subprocess, so the errors come from a real pytest run, not from this session's plugins.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from catalogue import assert_reproduces

pytest_plugins = ["pytester"]
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def plain(pytester, monkeypatch):
    """pytester without this session's Django settings: the learner's own fresh project."""
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    return pytester


@pytest.fixture
def jobboard(pytester, monkeypatch, tmp_path):
    """pytester with the Job Board importable, on a SQLite file of its own: a child run must never
    create or drop this session's test database (the services tier's test_jobboard)."""
    monkeypatch.setenv("PYTHONPATH", str(PROJECT))
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'child.sqlite3'}")
    return pytester


def run(pytester, *args) -> str:
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *args)
    return result.stdout.str() + result.stderr.str()


def test_database_access_not_allowed(jobboard):
    jobboard.makepyfile(test_jobs="""
        from jobs.models import Job

        def test_no_jobs_yet():  # no django_db mark, no db fixture
            assert Job.objects.count() == 0
    """)
    assert_reproduces(run(jobboard), "pytest/database-access-not-allowed")


def test_scope_mismatch_with_db(jobboard):
    # A module-scoped fixture that creates rows needs the function-scoped `db` fixture.
    jobboard.makepyfile(test_jobs="""
        import pytest

        @pytest.fixture(scope="module")
        def company(db):
            from jobs.models import Company
            return Company.objects.create(name="Acacia Labs", owner_id=1)

        def test_company(company):
            assert company.pk
    """)
    assert_reproduces(run(jobboard), "pytest/scope-mismatch")


def test_fixture_not_found_in_a_sibling_conftest(plain):
    # conftest.py fixtures are visible in its folder and below, not in sibling folders.
    plain.makepyfile(**{
        "tests/api/conftest.py": "import pytest\n\n@pytest.fixture\ndef recruiter():\n    return 'rita'\n",
        "tests/api/test_jobs.py": "def test_api(recruiter):\n    assert recruiter\n",
        "tests/graphql/test_jobs_graphql.py": "def test_graphql(recruiter):\n    assert recruiter\n",
    })
    output = run(plain, "-p", "no:django")
    assert "1 passed, 1 error" in output
    assert_reproduces(output, "pytest/fixture-not-found")


def test_settings_are_not_configured(plain, monkeypatch):
    # pytest-django not active (or no DJANGO_SETTINGS_MODULE in pytest.ini) and a test imports a model.
    monkeypatch.setenv("PYTHONPATH", str(PROJECT))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    plain.makepyfile(test_models="from jobs.models import Job\n\ndef test_job():\n    assert Job\n")
    assert_reproduces(run(plain, "-p", "no:django"), "pytest/settings-not-configured")


def test_import_file_mismatch(plain):
    # Two test files with the same name in folders without __init__.py (rootdir-relative "prepend" mode).
    plain.makepyfile(**{"tests/jobs/test_models.py": "def test_a():\n    pass\n",
                        "tests/payments/test_models.py": "def test_b():\n    pass\n"})
    assert_reproduces(run(plain, "-p", "no:django"), "pytest/import-file-mismatch")


def test_no_tests_ran(plain):
    plain.makepyfile(tests_jobs="def test_listing():\n    pass\n")  # tests_*.py: not test_*.py
    result = plain.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    assert_reproduces(result.stdout.str(), "pytest/no-tests-ran")


def test_unknown_django_db_marker(plain):
    # --strict-markers (as in this project's pytest.ini) while pytest-django is not installed or loaded.
    plain.makepyfile(test_jobs="import pytest\n\n@pytest.mark.django_db\ndef test_x():\n    pass\n")
    assert_reproduces(run(plain, "-p", "no:django", "--strict-markers"), "pytest/unknown-marker")


def test_manage_py_test_finds_no_tests():
    # The Job Board's tests are pytest functions; Django's unittest runner collects none of them.
    # PYTHONPATH: the path pytest.ini's `pythonpath` gives, so the catalogue modules import here too.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(PROJECT.parent / "errors")
    result = subprocess.run([sys.executable, "manage.py", "test"], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0  # "OK": nothing failed, because nothing ran
    assert "Ran 0 tests in" in result.stderr
    assert_reproduces(result.stdout, "pytest/manage-py-test-no-tests")
