"""Scratch copies of the repository, for tests and benchmarks that change it on purpose."""
import shutil
from pathlib import Path

from . import ROOT

# What a copy leaves out: installed tools, build outputs and test results (all regenerated).
IGNORED = shutil.ignore_patterns(".venv", "node_modules", "site", "site-*", "*.zip", ".services",
                                 "__pycache__", ".pytest_cache", "test-results")


def copy_repo(dest: Path) -> Path:
    """A full working copy (with .git, so page dates work) that a test may break freely."""
    shutil.copytree(ROOT, dest, ignore=IGNORED, symlinks=True)
    return dest
