"""Shared fixtures: one strict build per session."""
import os
from pathlib import Path

import pytest

from nexus import ROOT
from nexus.build import build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site: reuse `make check`'s output when NEXUS_SITE names it, else build once per
    test process (pytest-xdist runs two; each builds into its own folder)."""
    given = os.environ.get("NEXUS_SITE")
    if given and (Path(given) / "sitemap.xml").is_file():
        return Path(given).resolve()
    dest = tmp_path_factory.mktemp("hub") / "site"
    result = build(ROOT, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest
