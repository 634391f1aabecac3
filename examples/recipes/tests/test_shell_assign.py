"""docs/howto/shell.md#shell-assign-variable: spaces around = and inside [ ], run with bash."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "cookbook" / "shell" / "assign.sh"
pytestmark = pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")


def bash(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", code], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"}, timeout=30)


def test_spaces_around_equals_run_a_command(tmp_path):
    broken = bash('NAME = "Job Board"\necho "[$NAME]"', tmp_path)
    assert "NAME: command not found" in broken.stdout
    assert "[]" in broken.stdout                      # the variable was never set
    broken = bash('NAME= "Job Board"', tmp_path)      # an empty NAME for the command "Job Board"
    assert "Job Board: command not found" in broken.stdout


def test_the_script_runs_and_tests_an_empty_variable(tmp_path):
    result = subprocess.run(["bash", str(SCRIPT)], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=30)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Job Board: 7 files in /var/backups/jobboard/")
    assert "ENVIRONMENT is empty" in result.stdout
    result = subprocess.run(["bash", str(SCRIPT)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={"PATH": "/usr/bin:/bin", "ENVIRONMENT": "production"}, timeout=30)
    assert "careful: production" in result.stdout


def test_unquoted_empty_or_spaced_variables_break_single_brackets(tmp_path):
    empty = bash('ENVIRONMENT=""\nif [ $ENVIRONMENT = "production" ]; then echo prod; fi', tmp_path)
    assert "[: =: unary operator expected" in empty.stdout
    spaced = bash('ENVIRONMENT="staging eu"\nif [ $ENVIRONMENT = "production" ]; then echo prod; fi', tmp_path)
    assert "[: too many arguments" in spaced.stdout
    glued = bash('ENVIRONMENT=staging\nif [ "$ENVIRONMENT"="production" ]; then echo always; fi', tmp_path)
    assert glued.stdout == "always\n"                 # one word, never empty: always true
