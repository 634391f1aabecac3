"""pytest and unittest.mock errors from docs/troubleshooting/pytest.md, triggered for real.

(The pytest-django ones live in jobboard/tests/test_catalogue_pytest.py, next to the project
they need.) Each test writes a small test file or script into tmp_path and runs it in a fresh
interpreter, then checks that the quoted text (examples/errors/pytest/*.txt) is in the output.
"""
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from catalogue import assert_reproduces, installed_python


def run(args, cwd):
    """stdout and stderr together, as the learner's terminal shows them, and the exit code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "COV_"))}
    result = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=120)
    return result.returncode, result.stdout


def pytest_on(tmp_path, code):
    (tmp_path / "test_company.py").write_text(textwrap.dedent(code))
    return run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:django",
                "-p", "no:cov", "-q", "test_company.py"], cwd=tmp_path)


def test_fixture_called_directly(tmp_path):
    code, output = pytest_on(tmp_path, """
        import pytest

        @pytest.fixture
        def company():
            return {"name": "Acacia Labs"}

        def test_company_name():
            assert company()["name"] == "Acacia Labs"   # called like a function
        """)
    assert code == 1
    assert_reproduces(output, "pytest/fixture-called-directly")
    # The fix: ask for the fixture by naming it as a parameter; pytest calls it and passes the value.
    code, output = pytest_on(tmp_path, """
        import pytest

        @pytest.fixture
        def company():
            return {"name": "Acacia Labs"}

        def test_company_name(company):
            assert company["name"] == "Acacia Labs"
        """)
    assert code == 0, output


def python_312_or_later():
    """A Python 3.12+ that really runs (on PATH or installed by pyenv), or None."""
    if sys.version_info >= (3, 12):
        return sys.executable
    return installed_python("python3.14", "python3.13", "python3.12")


MOCK_SCRIPT = """\
from unittest import mock

send = mock.Mock()
send("ana@example.com")
print("result:", bool(send.{call}("ben@example.com")))
"""


def test_mock_assertion_that_does_not_exist(tmp_path):
    # A name that starts with "assert" but is not one of Mock's assertions fails on every Python 3.
    script = tmp_path / "check.py"
    script.write_text(MOCK_SCRIPT.format(call="assert_not_called_with"))
    code, output = run([sys.executable, str(script)], cwd=tmp_path)
    assert code == 1
    assert_reproduces(output, "pytest/mock-not-a-valid-assertion")
    # Without the assert_ prefix, Python 3.11 and older build a new Mock and "pass": the trap.
    script.write_text(MOCK_SCRIPT.format(call="called_once_with"))
    newer = python_312_or_later()
    if sys.version_info < (3, 12):
        code, output = run([sys.executable, str(script)], cwd=tmp_path)
        assert (code, output) == (0, "result: True\n")   # a check that checks nothing
    if newer:  # 3.12 refuses those names too
        code, output = run([newer, str(script)], cwd=tmp_path)
        assert code == 1
        assert_reproduces(output, "pytest/mock-called-once-with-312")


SESSION_FIXTURE = Path(__file__).resolve().parents[1] / "pytest" / "session_fixture"


def test_session_fixture_imported_into_test_files_runs_once_per_file(tmp_path):
    # `from shared_fixtures import api_token` copies the fixture into each module: two fixtures.
    shutil.copy(SESSION_FIXTURE / "shared_fixtures.py", tmp_path)
    for name in ("one", "two"):
        (tmp_path / f"test_{name}.py").write_text(
            f"from shared_fixtures import api_token\n\ndef test_{name}(api_token):\n    assert api_token\n")
    args = [sys.executable, "-m", "pytest", "-s", "-q", "-p", "no:cacheprovider", "-p", "no:django", "-p", "no:cov"]
    code, output = run(args, cwd=tmp_path)
    assert code == 0 and output.count("SETUP api_token") == 2
    # The fix: register the module once, as a plugin, from the root conftest.py; drop the imports.
    shutil.copy(SESSION_FIXTURE / "root_conftest.py", tmp_path / "conftest.py")
    for name in ("one", "two"):
        (tmp_path / f"test_{name}.py").write_text(f"def test_{name}(api_token):\n    assert api_token\n")
    code, output = run(args, cwd=tmp_path)
    assert code == 0 and output.count("SETUP api_token") == 1
    # Named fixtures.py, the module is skipped: pytest's own plugin is registered under "fixtures".
    (tmp_path / "shared_fixtures.py").rename(tmp_path / "fixtures.py")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["fixtures"]\n')
    code, output = run(args, cwd=tmp_path)
    assert code == 1 and "fixture 'api_token' not found" in output
