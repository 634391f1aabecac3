"""Shared fixtures: one strict build per session."""
import os
from pathlib import Path

import pytest

from nexus import ROOT
from nexus.build import build


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
