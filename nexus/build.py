"""The strict build, run the way `make check` runs it: one entry point and one environment."""
import os
import subprocess
import sys
from pathlib import Path

from . import ROOT


# Material prints a notice about MkDocs 2.0 on every start; it would fill every log. (The Makefile
# exports the same for the commands it runs itself, such as `mkdocs serve`.)
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def environment(drop=(), **extra) -> dict:
    """os.environ without `drop`, plus what every build needs, plus extra values such as SITE_URL."""
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **QUIET, **extra}


def mkdocs(args, root: Path = ROOT, **extra) -> subprocess.CompletedProcess:
    """`mkdocs <args>` in root, output captured."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, env=environment(**extra),
                          capture_output=True, text=True, check=False)


def build(root: Path, site_dir: Path, *extra: str, env: dict | None = None, drop=()) -> subprocess.CompletedProcess:
    """Strict build through `python -m nexus.checks build`, which restates warnings as file:line."""
    return subprocess.run([sys.executable, "-m", "nexus", "--root", str(root), "build", "--site-dir", str(site_dir), *extra],
                          cwd=root, env=environment(drop, **(env or {})), capture_output=True, text=True, check=False)


def make(repo: Path, target: str = "check") -> subprocess.CompletedProcess:
    """`make <target>` in a copy of the repository, with this checkout's tools, as a contributor runs
    it: without the GitHub Actions variables (annotations) and the calling make's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MAKE"))}
    venv = ROOT / ".venv"
    # -o: this checkout's environment is already installed; never reinstall it from the copy (the
    # editable install of the hub's package would then point at the copy).
    keep = [arg for stamp in (".site", ".tools", ".example") for arg in ("-o", str(venv / stamp))]
    return subprocess.run(["make", "--no-print-directory", *keep, target, f"VENV={venv}"],
                          cwd=repo, env=env, capture_output=True, text=True, check=False)
