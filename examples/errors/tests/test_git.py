"""git's own messages, produced by the real git: a bare remote and two clones in tmp_path."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from catalogue import assert_reproduces

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="needs git")


def git_env(home: Path) -> dict[str, str]:
    """No user or system config, English messages: the output is what a fresh install prints."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
               LANG="C", LC_ALL="C")
    return env


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, env=git_env(cwd.parent), capture_output=True,
                            text=True, timeout=30)
    if check and result.returncode:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stderr}")
    return result


def clone(tmp_path: Path, name: str) -> Path:
    git(tmp_path, "clone", "-q", "jobboard.git", name)
    repo = tmp_path / name
    git(repo, "remote", "set-url", "origin", "../jobboard.git")  # printed as written
    git(repo, "config", "user.name", name.title())
    git(repo, "config", "user.email", f"{name}@example.com")
    return repo


def commit(repo: Path, text: str, message: str) -> None:
    (repo / "settings.py").write_text(text)
    git(repo, "add", "settings.py")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def behind(tmp_path):
    """A remote with one commit, then Alice pushes a change that Bob's clone doesn't have yet."""
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "jobboard.git")
    alice = clone(tmp_path, "alice")
    commit(alice, "DEBUG = False\n", "Initial settings")
    git(alice, "push", "-q", "origin", "main")
    bob = clone(tmp_path, "bob")
    commit(alice, "DEBUG = env_bool('DEBUG')\n", "Read DEBUG from the environment")
    git(alice, "push", "-q", "origin", "main")
    return alice, bob


@pytest.fixture
def team(behind):
    """Bob, behind, commits his own change to the same line."""
    alice, bob = behind
    commit(bob, "DEBUG = True\n", "Turn DEBUG on")
    return alice, bob


def test_push_rejected_fetch_first(team):
    _, bob = team
    result = git(bob, "push", "origin", "main", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/push-rejected-fetch-first")


def test_push_rejected_non_fast_forward(team):
    _, bob = team
    git(bob, "fetch", "-q")  # now Bob's clone knows the remote moved
    result = git(bob, "push", "origin", "main", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/push-rejected-non-fast-forward")
    assert_reproduces(result.stderr, "git/push-rejected-non-fast-forward-hint")  # the line most people paste


def test_branches_diverged(team):
    _, bob = team
    git(bob, "fetch", "-q")
    assert_reproduces(git(bob, "status").stdout, "git/diverged")


def test_pull_needs_a_strategy(team):
    _, bob = team
    result = git(bob, "pull", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/pull-divergent")


def test_merge_conflict(team):
    _, bob = team
    result = git(bob, "pull", "--no-rebase", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stdout, "git/merge-conflict")
    assert "<<<<<<< HEAD\nDEBUG = True\n=======\n" in (bob / "settings.py").read_text()
    # The same stop when one side deleted the file that the other side changed:
    git(bob, "merge", "--abort")
    git(bob, "reset", "-q", "--hard", "HEAD~1")  # back to the commit both started from
    git(bob, "rm", "-q", "settings.py")
    git(bob, "commit", "-q", "-m", "Remove settings")
    result = git(bob, "merge", "origin/main", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stdout, "git/merge-conflict-modify-delete")


def test_detached_head(team):
    alice, _ = team
    result = git(alice, "checkout", "HEAD~1")
    assert_reproduces(result.stderr, "git/detached-head")


def test_unrelated_histories(team, tmp_path):
    fresh = tmp_path / "fresh"
    git(tmp_path, "init", "-q", "-b", "main", "fresh")
    git(fresh, "config", "user.name", "Fresh")
    git(fresh, "config", "user.email", "fresh@example.com")
    commit(fresh, "README\n", "Initial commit")  # like a repository created with a README on GitHub
    result = git(fresh, "pull", "--no-rebase", "../jobboard.git", "main", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/unrelated-histories")


def test_not_a_git_repository(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    result = git(folder, "status", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/not-a-repository")


def test_identity_unknown(tmp_path):
    repo = tmp_path / "new"
    git(tmp_path, "init", "-q", "-b", "main", "new")
    (repo / "a.txt").write_text("a\n")
    git(repo, "add", "a.txt")
    # useConfigOnly: no guessing from the host name, so every machine prints the same text.
    result = git(repo, "-c", "user.useConfigOnly=true", "commit", "-m", "First", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/identity-unknown")


def test_local_changes_overwritten_by_pull_and_checkout(behind):
    _, bob = behind
    (bob / "settings.py").write_text("DEBUG = True\n")   # Bob's edit, not committed
    result = git(bob, "pull", "origin", "main", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/local-changes-overwritten-merge")
    git(bob, "branch", "-q", "remote-main", "origin/main")
    result = git(bob, "checkout", "remote-main", check=False)
    assert_reproduces(result.stderr, "git/local-changes-overwritten-checkout")
    # The fix: stash, pull, pop. Both sides changed the same line, so pop conflicts and keeps the stash.
    git(bob, "stash", "-q")
    git(bob, "pull", "-q", "origin", "main")
    result = git(bob, "stash", "pop", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stdout + result.stderr, "git/stash-pop-conflict")
    assert len(git(bob, "stash", "list").stdout.splitlines()) == 1
