"""Page dates come from git: fail a strict build when the history is shallow or missing, and
let pages that are not committed yet build without dates.

git-revision-date-localized only warns about shallow clones on some CI systems, and its warnings
can come from worker processes that --strict does not count, so the check is made here, once.
A page that was never committed has no dates to show; the plugin would stamp it "now" (twice,
a moment apart, and then warn), so it is excluded from the plugin until its first commit.
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
    else:
        _exclude_uncommitted(config, root)
    return config


def _exclude_uncommitted(config, root):
    dates = config.plugins.get("git-revision-date-localized")
    docs = Path(config.docs_dir)
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", "HEAD", "--", str(docs)],
                            cwd=root, capture_output=True, text=True, check=False)
    committed = {(root / line).resolve() for line in listed.stdout.splitlines()}
    new = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.resolve() not in committed)
    if dates and new:
        dates.config["exclude"] = list(dates.config.get("exclude", [])) + new
        log.info("%d page(s) not committed yet show no dates until their first commit: %s",
                 len(new), ", ".join(new[:5]) + (" ..." if len(new) > 5 else ""))
