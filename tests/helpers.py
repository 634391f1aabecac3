"""Helpers shared by the test suites: the repository root, strict builds and scratch copies."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", "node_modules", "site", "site-*", "*.zip", ".services",
                                 "__pycache__", ".pytest_cache", "test-results")


def build(root: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Strict build through the same entry point as `make check`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "checks", "build", "--site-dir", str(site_dir), *extra],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def copy_repo(dest: Path) -> Path:
    """A full working copy (with .git, so page dates work) that a test may break freely."""
    shutil.copytree(ROOT, dest, ignore=IGNORED, symlinks=True)
    return dest


def site_prefix() -> str:
    """The path part of this repository's site_url."""
    from checks.server import site_prefix as prefix_of
    return prefix_of(ROOT / "mkdocs.yml")
