"""Habits from the practices pages: names, docstrings, assert or raise, narrow except, EAFP.

Shown on docs/practices/clean-code.md (naming), docs/practices/documentation.md
(docstring-format) and docs/practices/defensive.md (assert, except, EAFP); run by
tests/test_practices.py.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

logger = logging.getLogger(__name__)


# --8<-- [start:naming]
MAX_PAGE_SIZE = 100                      # constant: UPPER_CASE, at module level


class JobPosting:                        # class: CapWords (PascalCase)
    def __init__(self, title: str, salary: int) -> None:
        self.title = title               # attributes and variables: snake_case
        self.salary = salary
        self._slug = title.lower().replace(" ", "-")  # leading _: internal, not part of the API

    def is_well_paid(self, threshold: int = 50_000) -> bool:  # methods: snake_case verbs
        return self.salary >= threshold  # a bool reads as a yes/no question: is_, has_, can_


def open_postings(postings: list[JobPosting]) -> list[JobPosting]:  # functions: snake_case
    return postings[:MAX_PAGE_SIZE]
# --8<-- [end:naming]


class SalaryError(ValueError):
    """A salary range that no job can have."""


# --8<-- [start:docstring]
def salary_range(minimum: int, maximum: int | None = None) -> tuple[int, int]:
    """Return a salary range that a job search can filter on.

    A missing maximum means "no upper limit" and becomes ten times the minimum.

    Args:
        minimum: The lowest yearly salary, in whole units of currency.
        maximum: The highest yearly salary, or None for no upper limit.

    Returns:
        The pair (minimum, maximum), with maximum filled in.

    Raises:
        SalaryError: If minimum is negative or greater than maximum.
    """
    if minimum < 0 or (maximum is not None and minimum > maximum):
        raise SalaryError(f"bad salary range: {minimum}..{maximum}")
    return minimum, maximum if maximum is not None else minimum * 10
# --8<-- [end:docstring]


# --8<-- [start:assert-or-raise]
def apply_discount(price: int, percent: int) -> int:
    # Input from a caller (a form, an API, another module): check it and raise.
    # This check runs always, even under `python -O`.
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    discounted = price - price * percent // 100
    # Something that can only be false if THIS function has a bug: assert it.
    # `python -O` removes this line, and the program must still be correct without it.
    assert 0 <= discounted <= price, (price, percent, discounted)
    return discounted
# --8<-- [end:assert-or-raise]


class ConfigError(Exception):
    """The settings file exists but cannot be used."""


DEFAULTS = {"page_size": 20}


# --8<-- [start:narrow-except]
def load_settings(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # Expected, and you know what to do: fall back, and say so in the log.
        logger.info("no %s, using the defaults", path)
        return dict(DEFAULTS)
    try:
        return {**DEFAULTS, **json.loads(text)}
    except json.JSONDecodeError as err:
        # Expected, but you cannot fix it here: raise a clear error, keep the cause.
        raise ConfigError(f"{path} is not valid JSON: {err}") from err
    # Anything else (PermissionError, a typo that raises NameError) is NOT caught:
    # it stops the program with a traceback that points at the real problem.
# --8<-- [end:narrow-except]


# --8<-- [start:eafp]
def page_size_lbyl(params: dict[str, str]) -> int:
    # Look before you leap: check every way it can fail, then do it.
    if "page_size" in params and params["page_size"].isdigit():
        return min(int(params["page_size"]), MAX_PAGE_SIZE)
    return DEFAULTS["page_size"]


def page_size_eafp(params: dict[str, str]) -> int:
    # Easier to ask forgiveness than permission: do it, catch the failures you expect.
    try:
        return min(int(params["page_size"]), MAX_PAGE_SIZE)
    except (KeyError, ValueError):
        return DEFAULTS["page_size"]
# --8<-- [end:eafp]
