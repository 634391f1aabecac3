"""asyncio basics: coroutines, concurrent waiting, timeouts, ``async with``.

Requires Python 3.11+ (``asyncio.timeout`` and ``asyncio.TaskGroup``).
``asyncio.sleep`` stands in for real I/O such as an HTTP call or a query.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


# --8<-- [start:asyncio-gather]
async def fetch(name: str, delay: float) -> str:
    """Pretend to call a remote service that answers after ``delay`` seconds."""
    await asyncio.sleep(delay)  # while this waits, the event loop runs other tasks
    return f"{name}: ok"


async def fetch_all(delays: dict[str, float]) -> tuple[list[str], float]:
    """Run every fetch concurrently and return (results, seconds taken).

    The total time is close to the slowest call, not the sum of all calls.
    ``gather`` returns results in the order you passed the awaitables.
    """
    start = time.perf_counter()
    results = await asyncio.gather(
        *(fetch(name, delay) for name, delay in delays.items())
    )
    return list(results), time.perf_counter() - start


async def fetch_all_grouped(delays: dict[str, float]) -> list[str]:
    """The same with ``asyncio.TaskGroup`` (3.11+): if one task fails,
    the others are cancelled and the error is raised in an ExceptionGroup."""
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(n, d)) for n, d in delays.items()]
    return [task.result() for task in tasks]


# Entry point from synchronous code (a script, a test):
# results, seconds = asyncio.run(fetch_all({"users": 0.2, "jobs": 0.2}))
# --8<-- [end:asyncio-gather]


# --8<-- [start:asyncio-timeout]
async def fetch_or_default(delay: float, limit: float, default: str = "cached") -> str:
    """Give a slow call at most ``limit`` seconds, then fall back to ``default``.

    ``asyncio.timeout`` (3.11+) cancels the work inside the block when time is
    up and raises the built-in ``TimeoutError`` at the end of the block.
    """
    try:
        async with asyncio.timeout(limit):
            return await fetch("slow-service", delay)
    except TimeoutError:
        return default
# --8<-- [end:asyncio-timeout]


# --8<-- [start:async-context-manager]
class FakeConnection:
    """Stands in for an async database or HTTP client connection."""

    def __init__(self) -> None:
        self.closed = False

    async def query(self, sql: str) -> str:
        await asyncio.sleep(0)  # yield to the event loop, as real I/O would
        return f"result of {sql!r}"

    async def close(self) -> None:
        await asyncio.sleep(0)
        self.closed = True


@asynccontextmanager
async def connect() -> AsyncIterator[FakeConnection]:
    """Open a connection for an ``async with`` block and always close it.

    Cleanup here needs ``await``, which a plain ``with`` cannot do.
    """
    conn = FakeConnection()
    try:
        yield conn
    finally:
        await conn.close()


async def run_query(sql: str) -> str:
    """Use the async context manager."""
    async with connect() as conn:
        return await conn.query(sql)
# --8<-- [end:async-context-manager]


# --8<-- [start:asyncio-wait]
async def first_answer(delays: dict[str, float]) -> tuple[str, int]:
    """Ask several mirrors, keep the first answer, cancel the rest.

    ``asyncio.wait`` takes tasks (not bare coroutines, since 3.11) and returns
    two sets, ``(done, pending)``, instead of a list of results.
    """
    tasks = [asyncio.create_task(fetch(name, d)) for name, d in delays.items()]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()  # wait() never cancels anything by itself
    return done.pop().result(), len(pending)


async def gather_keep_errors(delays: dict[str, float]) -> list[object]:
    """``gather(..., return_exceptions=True)``: a failure becomes an item in
    the list instead of being raised, and the other calls still finish."""

    async def maybe_fail(name: str, delay: float) -> str:
        if delay < 0:
            raise ValueError(f"{name} failed")
        return await fetch(name, delay)

    return await asyncio.gather(
        *(maybe_fail(name, d) for name, d in delays.items()), return_exceptions=True
    )
# --8<-- [end:asyncio-wait]


# --8<-- [start:to-thread]
def blocking_report(seconds: float) -> str:
    """A library call with no async version: it blocks its thread."""
    time.sleep(seconds)
    return "report ready"


async def report_without_blocking(seconds: float) -> list[str]:
    """Run two blocking calls in worker threads while the loop stays free.

    ``asyncio.to_thread`` (3.9+) is the short form of
    ``loop.run_in_executor(None, ...)``: both use the loop's default thread pool.
    """
    loop = asyncio.get_running_loop()
    return await asyncio.gather(
        asyncio.to_thread(blocking_report, seconds),
        loop.run_in_executor(None, blocking_report, seconds),
    )
# --8<-- [end:to-thread]


# --8<-- [start:taskgroup-except-star]
async def fetch_or_fail(name: str, delay: float) -> str:
    if delay < 0:
        raise ValueError(f"{name} is down")
    return await fetch(name, delay)


async def fetch_all_or_report(delays: dict[str, float]) -> list[str]:
    """A TaskGroup raises an ExceptionGroup: catch the errors inside it with ``except*``."""
    failures: list[str] = []
    try:
        async with asyncio.TaskGroup() as group:
            for name, delay in delays.items():
                group.create_task(fetch_or_fail(name, delay))
    except* ValueError as errors:          # Python 3.11+: matches the ValueErrors in the group
        failures = [str(error) for error in errors.exceptions]   # (no return inside except*)
    return failures


async def fetch_each_safely(delays: dict[str, float]) -> list[str]:
    """Or handle the error inside each task, so one failure never cancels the others."""
    async def safe(name: str, delay: float) -> str:
        try:
            return await fetch_or_fail(name, delay)
        except ValueError as error:
            return f"{name}: failed ({error})"

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(safe(name, d)) for name, d in delays.items()]
    return [task.result() for task in tasks]
# --8<-- [end:taskgroup-except-star]
