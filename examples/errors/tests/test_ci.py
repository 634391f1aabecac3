"""CI failures that the real tools print here: a shallow clone, and a database that isn't up yet."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import yaml
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


SSH_KEYGEN = shutil.which("ssh-keygen")
DEPLOY = Path(__file__).resolve().parents[2] / "recipes" / "cookbook" / "ci" / "deploy.yml"


@pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen not installed")
def test_ssh_key_without_final_newline(tmp_path):
    # A private key pasted into a secret without its last line break: OpenSSH 9 with OpenSSL 3
    # (ubuntu-24.04 runners) refuses to load it, exactly as `ssh -i` and `ssh-add` would.
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", "deploy", "-f", str(tmp_path / "key")],
                   check=True, timeout=60)
    secret = (tmp_path / "key").read_text().rstrip("\n")
    ssh = tmp_path / ".ssh"
    ssh.mkdir(mode=0o700)
    pasted = ssh / "id_ed25519"
    pasted.write_text(secret)
    pasted.chmod(0o600)
    broken = subprocess.run([SSH_KEYGEN, "-y", "-f", str(pasted)], capture_output=True, text=True, timeout=60)
    assert broken.returncode != 0
    assert_reproduces(broken.stderr.replace(str(pasted), "/home/runner/.ssh/id_ed25519"), "ci/ssh-load-key")
    # The deploy recipe writes the key with printf '%s\n', which puts the line break back.
    step = yaml.safe_load(DEPLOY.read_text())["jobs"]["deploy"]["steps"][0]
    writes_key = next(line for line in step["run"].splitlines() if "$SSH_KEY" in line)
    pasted.unlink()
    subprocess.run(["bash", "-e", "-c", writes_key], check=True, timeout=60,
                   env={"HOME": str(tmp_path), "SSH_KEY": secret, "PATH": "/usr/bin:/bin"})
    fixed = subprocess.run([SSH_KEYGEN, "-y", "-f", str(pasted)], capture_output=True, text=True, timeout=60)
    assert fixed.returncode == 0 and fixed.stdout.startswith("ssh-ed25519 ")
