"""Decorators: functions that take a function and return a replacement.

Decorators are applied once, when the ``def`` statement runs. They are plain
synchronous Python.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

logger = logging.getLogger(__name__)


# --8<-- [start:timing-decorator]
def timed(func: Callable[P, R]) -> Callable[P, R]:
    """Log how long each call to ``func`` takes.

    ``functools.wraps`` copies the name, docstring and module of ``func`` onto
    the wrapper, so logs, debuggers and test reports still show the real name.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:  # log even when func raises
            elapsed_ms = (time.perf_counter() - start) * 1000
            logger.info("%s took %.1f ms", func.__qualname__, elapsed_ms)

    return wrapper


@timed
def slow_add(a: int, b: int) -> int:
    """Add two numbers, slowly."""
    time.sleep(0.01)
    return a + b
# --8<-- [end:timing-decorator]


# --8<-- [start:retry-decorator]
def retry(
    times: int = 3,
    exceptions: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    delay: float = 0.5,
    backoff: float = 2.0,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Build a decorator that retries a call up to ``times`` attempts in total.

    Only the listed ``exceptions`` trigger a retry; anything else propagates at
    once. The wait starts at ``delay`` seconds and is multiplied by ``backoff``
    after each failure (exponential backoff).
    """
    if times < 1:
        raise ValueError("times must be at least 1")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            wait = delay
            for attempt in range(1, times):
                try:
                    return func(*args, **kwargs)
                except exceptions as exc:
                    logger.warning("%s failed (%s), retry %d", func.__name__, exc, attempt)
                    time.sleep(wait)
                    wait *= backoff
            return func(*args, **kwargs)  # last attempt: errors reach the caller

        return wrapper

    return decorator
# --8<-- [end:retry-decorator]


# --8<-- [start:decorator-stacking]
def tag(name: str) -> Callable[[Callable[P, str]], Callable[P, str]]:
    """Wrap the returned text in an HTML-like tag."""

    def decorator(func: Callable[P, str]) -> Callable[P, str]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
            return f"<{name}>{func(*args, **kwargs)}</{name}>"

        return wrapper

    return decorator


class CountCalls:
    """A class-based decorator: the instance replaces the function."""

    def __init__(self, func: Callable[..., str]) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0

    def __call__(self, *args: object, **kwargs: object) -> str:
        self.calls += 1
        return self.func(*args, **kwargs)


@CountCalls  # applied last, so it runs first
@tag("b")
@tag("i")  # applied first: closest to the function
def greet(name: str) -> str:
    """Return a greeting."""
    return f"Hello, {name}"


# Same as: greet = CountCalls(tag("b")(tag("i")(greet)))
# greet("Sam") == "<b><i>Hello, Sam</i></b>"
# --8<-- [end:decorator-stacking]
