"""Two self-check scripts copy code so they run with the standard library alone.

These tests keep each copy equal to its original: Celery's backoff formula, and the
settings' env_bool.
"""
import importlib.util
from pathlib import Path

import pytest
from celery.utils.time import get_exponential_backoff_interval

from config import settings

SELFCHECK = Path(__file__).resolve().parents[2] / "selfcheck"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"selfcheck_{name}", SELFCHECK / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the scripts print only under __main__
    return module


@pytest.mark.parametrize("maximum", [30, 600])
@pytest.mark.parametrize("factor", [1, 2, 5])
def test_backoff_copy_matches_celery(factor, maximum):
    copy = load("celery_backoff").backoff_wait
    for retries in range(10):
        expected = get_exponential_backoff_interval(factor, retries, maximum, full_jitter=False)
        assert copy(factor=factor, retries=retries, maximum=maximum) == expected


@pytest.mark.parametrize("value", [None, "", "1", "0", "true", "True", " yes ", "on", "False", "no", "off"])
@pytest.mark.parametrize("default", [False, True])
def test_env_bool_copy_matches_settings(monkeypatch, value, default):
    copy = load("env_bool").env_bool
    if value is None:
        monkeypatch.delenv("NEXUS_SELFCHECK_FLAG", raising=False)
    else:
        monkeypatch.setenv("NEXUS_SELFCHECK_FLAG", value)
    assert copy("NEXUS_SELFCHECK_FLAG", default) == settings.env_bool("NEXUS_SELFCHECK_FLAG", default)
