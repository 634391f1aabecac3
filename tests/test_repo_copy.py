"""A scratch copy of the repository is independent of it: what a test commits there never reaches
this repository (a git worktree's .git is a file naming the shared git directory), and every
tracked file is copied (site-bug.yml is not a build output)."""
import subprocess

from nexus import ROOT
from nexus.repo import copy_repo


def _git(where, *args):
    return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, check=True).stdout.strip()


def test_a_commit_in_a_copy_never_reaches_this_repository(tmp_path):
    head, branch = _git(ROOT, "rev-parse", "HEAD"), _git(ROOT, "rev-parse", "--abbrev-ref", "HEAD")
    copy = copy_repo(tmp_path / "copy")
    assert (copy / ".git").is_dir(), "the copy shares this repository's git directory"
    assert _git(copy, "rev-parse", "HEAD") == head, "the copy has the same history"
    (copy / "README.md").write_text("changed in the copy\n", encoding="utf-8")
    _git(copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "in the copy")
    assert _git(ROOT, "rev-parse", "HEAD") == head and _git(ROOT, "rev-parse", "--abbrev-ref", "HEAD") == branch
    assert "README.md" not in _git(ROOT, "diff", "--name-only", "--cached")


def test_every_tracked_file_is_copied(tmp_path):
    copy = copy_repo(tmp_path / "copy")
    tracked = _git(ROOT, "ls-files").splitlines()
    missing = [path for path in tracked if (ROOT / path).exists() and not (copy / path).exists()]
    assert not missing, missing
