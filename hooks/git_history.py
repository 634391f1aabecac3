"""Fail a strict build when git history is shallow or missing: every page date would be wrong.

git-revision-date-localized only warns about shallow clones on some CI systems, and its warnings
can come from worker processes that --strict does not count, so the check is made here, once.
"""
import subprocess
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("git_history")


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=root, capture_output=True, text=True, check=False,
        )
    except FileNotFoundError:
        log.warning("git is not installed, so page dates cannot be read. Install git and build from a clone.")
        return config
    if result.returncode != 0:
        log.warning(
            "%s is not a git clone, so every page would show the build date as its "
            "'created' and 'updated' date. Build from a git clone (git clone URL), not a downloaded zip.",
            root,
        )
    elif result.stdout.strip() == "true":
        log.warning(
            "This is a shallow git clone, so page dates would be wrong. Run `git fetch --unshallow`; "
            "in GitHub Actions give actions/checkout `fetch-depth: 0`."
        )
    return config
