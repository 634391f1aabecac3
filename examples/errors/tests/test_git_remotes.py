"""More of git's own messages, produced by the real git like test_git.py (whose helpers this file
reuses): pushing a branch that does not exist or has no upstream, adding a remote twice, checking
out a branch nobody fetched, untracked files in the way, line endings, a branch ahead of origin."""
from __future__ import annotations

import shutil

import pytest
from catalogue import assert_reproduces
from test_git import clone, commit, git

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="needs git")


@pytest.fixture
def remote(tmp_path):
    """An empty "GitHub" repository, like one created on the website without a README."""
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "jobboard.git")
    return tmp_path / "jobboard.git"


@pytest.fixture
def pushed(remote, tmp_path):
    """A clone with one commit on main, pushed and tracking origin/main."""
    alice = clone(tmp_path, "alice")
    commit(alice, "DEBUG = False\n", "Initial settings")
    git(alice, "push", "-q", "-u", "origin", "main")
    return alice


def local_repo(tmp_path, branch: str):
    git(tmp_path, "init", "-q", "-b", branch, "jobboard")
    repo = tmp_path / "jobboard"
    git(repo, "config", "user.name", "Ana")
    git(repo, "config", "user.email", "ana@example.com")
    return repo


def test_src_refspec_main_does_not_match_any(remote, tmp_path):
    repo = local_repo(tmp_path, "master")  # an older git, or init.defaultBranch=master
    git(repo, "remote", "add", "origin", "../jobboard.git")
    result = git(repo, "push", "-u", "origin", "main", check=False)  # no commit yet, no branch at all
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/src-refspec")
    commit(repo, "DEBUG = False\n", "Initial settings")
    result = git(repo, "push", "-u", "origin", "main", check=False)  # a commit, but on master
    assert_reproduces(result.stderr, "git/src-refspec")
    git(repo, "branch", "-M", "main")  # the fix: name the branch main, then push
    git(repo, "push", "-q", "-u", "origin", "main")


def test_no_upstream_branch(pushed):
    git(pushed, "switch", "-q", "-c", "feature/salary-filter")
    result = git(pushed, "push", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/no-upstream")
    assert "push.autoSetupRemote" in result.stderr  # git 2.37+ adds this hint
    git(pushed, "-c", "push.autoSetupRemote=true", "push", "-q")  # the setting that avoids it
    assert "origin/feature/salary-filter" in git(pushed, "branch", "-vv").stdout


def test_remote_origin_already_exists(pushed):
    result = git(pushed, "remote", "add", "origin", "https://github.com/ana/jobboard.git", check=False)
    assert result.returncode == 3
    assert_reproduces(result.stderr, "git/remote-already-exists")
    git(pushed, "remote", "set-url", "origin", "https://github.com/ana/jobboard.git")  # the fix
    assert "https://github.com/ana/jobboard.git (push)" in git(pushed, "remote", "-v").stdout


def test_pathspec_did_not_match_a_branch_nobody_fetched(pushed, tmp_path):
    bob = clone(tmp_path, "bob")
    git(pushed, "switch", "-q", "-c", "feature/salary-filter")
    commit(pushed, "SALARY = 1\n", "Add salary filter")
    git(pushed, "push", "-q", "-u", "origin", "feature/salary-filter")  # Alice pushes after Bob cloned
    result = git(bob, "checkout", "feature/salary-filter", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/pathspec-no-match")
    result = git(bob, "switch", "feature/salary-filter", check=False)
    assert result.returncode == 128
    assert_reproduces(result.stderr, "git/switch-invalid-reference")
    git(bob, "fetch", "-q")  # the fix: fetch, then switch creates a local branch that tracks it
    git(bob, "switch", "-q", "feature/salary-filter")
    assert "[origin/feature/salary-filter]" in git(bob, "branch", "-vv").stdout


def test_untracked_files_would_be_overwritten(pushed):
    git(pushed, "switch", "-q", "-c", "feature/seed-data")
    (pushed / "data").mkdir()
    (pushed / "data" / "jobs.json").write_text("[]\n")
    git(pushed, "add", "data")
    git(pushed, "commit", "-q", "-m", "Add seed data")
    git(pushed, "switch", "-q", "main")
    (pushed / "data").mkdir()
    (pushed / "data" / "jobs.json").write_text('[{"title": "mine"}]\n')  # never committed on main
    result = git(pushed, "merge", "feature/seed-data", check=False)
    assert result.returncode == 1
    assert_reproduces(result.stderr, "git/untracked-overwritten-merge")
    result = git(pushed, "switch", "feature/seed-data", check=False)
    assert_reproduces(result.stderr, "git/untracked-overwritten-checkout")
    (pushed / "data" / "jobs.json").rename(pushed / "jobs.mine.json")  # the fix: move it away
    git(pushed, "merge", "-q", "feature/seed-data")


def test_line_ending_warnings(pushed):
    (pushed / "settings.py").write_text("DEBUG = True\n")  # LF, as every Linux or macOS editor saves
    result = git(pushed, "-c", "core.autocrlf=true", "add", "settings.py")  # Git for Windows' default
    assert_reproduces(result.stderr, "git/lf-crlf")
    git(pushed, "reset", "-q")
    (pushed / "settings.py").write_bytes(b"DEBUG = True\r\n")  # CRLF, as a Windows editor may save
    result = git(pushed, "-c", "core.autocrlf=input", "add", "settings.py")
    assert_reproduces(result.stderr, "git/crlf-lf")
    assert git(pushed, "show", ":settings.py").stdout == "DEBUG = True\n"  # stored with LF


def test_branch_ahead_of_origin(pushed):
    commit(pushed, "DEBUG = True\n", "Turn DEBUG on")
    commit(pushed, "DEBUG = False\n", "Turn DEBUG off again")
    assert_reproduces(git(pushed, "status").stdout, "git/branch-ahead")
    git(pushed, "push", "-q")  # the fix when you meant to publish them
    assert "up to date with 'origin/main'" in git(pushed, "status").stdout
