"""Shared fixtures: one strict build per test session, shared by every worker."""
import fcntl
import os
from pathlib import Path

import pytest

from nexus import ROOT
from nexus.build import build


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The built site: `make check`'s output when NEXUS_SITE names it (make test), else one build
    that the first pytest-xdist worker makes and the others wait for, under a lock."""
    given = os.environ.get("NEXUS_SITE")
    if given and (Path(given) / "sitemap.xml").is_file():
        return Path(given).resolve()
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    dest = shared / "hub-site"
    with open(shared / "hub-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (dest / "sitemap.xml").is_file():
            result = build(ROOT, dest)
            assert result.returncode == 0, result.stdout + result.stderr
    return dest
