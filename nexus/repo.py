"""Scratch copies of the repository, for tests and benchmarks that change it on purpose."""
import shutil
import subprocess
from pathlib import Path

from . import ROOT

# What a copy leaves out: installed tools, caches and test results anywhere; the build outputs
# (site/, site-offline/, site-preview/) at the top only, so a tracked file such as
# .github/ISSUE_TEMPLATE/site-bug.yml is copied like any other.
_ANYWHERE = shutil.ignore_patterns(".venv", "node_modules", "*.zip", ".services", "__pycache__", ".pytest_cache",
                                   "test-results", ".zensical-*")
_TOP = shutil.ignore_patterns("site", "site-*")


def ignored(directory, names):
    left_out = set(_ANYWHERE(directory, names))
    if Path(directory) == ROOT:
        left_out |= _TOP(directory, names)
    return left_out


def copy_repo(dest: Path) -> Path:
    """A full working copy (with its own git history, so page dates work) that a test may break freely."""
    shutil.copytree(ROOT, dest, ignore=ignored, symlinks=True)
    if (dest / ".git").is_file():
        # A git worktree's .git is a file naming the main repository's git directory: a copy that
        # kept it would commit onto this worktree's branch. The copy gets a clone's instead.
        (dest / ".git").unlink()
        clone = dest.parent / (dest.name + ".git-clone")
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
        shutil.move(str(clone / ".git"), str(dest / ".git"))
        shutil.rmtree(clone)
        subprocess.run(["git", "reset", "--quiet"], cwd=dest, check=True)   # index = HEAD; files as copied
    return dest
