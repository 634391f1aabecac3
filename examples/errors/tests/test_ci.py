"""CI failures that the real tools print here: a shallow clone, and a database that isn't up yet."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from catalogue import assert_reproduces
from test_git import commit, git


def test_shallow_clone_has_no_parent(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main", "jobboard")
    repo = tmp_path / "jobboard"
    git(repo, "config", "user.name", "Dev")
    git(repo, "config", "user.email", "dev@example.com")
    commit(repo, "DEBUG = False\n", "First")
    commit(repo, "DEBUG = True\n", "Second")
    # What actions/checkout does by default: fetch-depth 1, only the commit being built.
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "checkout")
    result = git(tmp_path / "checkout", "diff", "--name-only", "HEAD~1", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "ci/shallow-clone")
    deep = git(tmp_path, "clone", "-q", f"file://{repo}", "full")  # fetch-depth: 0
    assert deep.returncode == 0
    assert git(tmp_path / "full", "diff", "--name-only", "HEAD~1").stdout == "settings.py\n"


def test_database_not_ready():
    psycopg = pytest.importorskip("psycopg")
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(host="127.0.0.1", port=port, dbname="jobboard", user="jobboard", connect_timeout=5)
    assert_reproduces(str(info.value).replace(f"port {port} ", "port 5432 "), "ci/postgres-not-ready")


CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or shutil.which("check-jsonschema",
                                                                  path=str(Path(sys.executable).parent))


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema not installed")
def test_step_without_uses_or_run(tmp_path):
    # A step with only a name: GitHub refuses the file ("every step must define a `uses` or `run`
    # key"); GitHub's workflow schema, checked locally, points at the same step.
    broken = tmp_path / "ci.yml"
    broken.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - name: Run the tests\n      - run: pytest\n")
    result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert_reproduces(result.stdout, "ci/step-without-uses-or-run")
    fixed = tmp_path / "fixed.yml"   # the name and the command in ONE step
    fixed.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n"
                     "      - name: Run the tests\n        run: pytest\n")
    assert subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(fixed)],
                          capture_output=True, text=True, timeout=120).returncode == 0
