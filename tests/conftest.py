"""Shared fixtures: the repository root, one strict build per session, and scratch copies."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site: reuse `make check`'s output when NEXUS_SITE names it, else build once."""
    given = os.environ.get("NEXUS_SITE")
    if given and (Path(given) / "sitemap.xml").is_file():
        return Path(given).resolve()
    dest = ROOT / "site"
    result = build(ROOT, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest
