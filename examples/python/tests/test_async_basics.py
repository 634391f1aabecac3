"""Tests for async_basics.py. Plain pytest: asyncio.run() drives each coroutine."""

import asyncio
import time

import pytest

from async_basics import (
    FakeConnection,
    connect,
    fetch,
    fetch_all,
    fetch_all_grouped,
    fetch_or_default,
    run_query,
)

DELAY = 0.3


# --8<-- [start:test-gather-concurrency]
def test_gather_runs_waits_concurrently():
    delays = {"users": DELAY, "jobs": DELAY, "payments": DELAY}
    results, seconds = asyncio.run(fetch_all(delays))

    assert results == ["users: ok", "jobs: ok", "payments: ok"]  # input order kept
    # Three 0.3 s waits in sequence would take 0.9 s; together they take ~0.3 s.
    assert DELAY <= seconds < 2 * DELAY


def test_awaiting_one_by_one_is_sequential():
    async def one_by_one():
        return [await fetch(name, DELAY) for name in ("a", "b", "c")]

    start = time.perf_counter()
    asyncio.run(one_by_one())
    assert time.perf_counter() - start >= 3 * DELAY
# --8<-- [end:test-gather-concurrency]


def test_blocking_sleep_blocks_the_event_loop():
    async def blocking(name):
        time.sleep(0.1)  # a sync call: nothing else can run meanwhile
        return name

    async def main():
        start = time.perf_counter()
        await asyncio.gather(blocking("a"), blocking("b"))
        return time.perf_counter() - start

    assert asyncio.run(main()) >= 0.2  # no overlap: gather cannot help


def test_task_group_is_concurrent_too():
    start = time.perf_counter()
    results = asyncio.run(fetch_all_grouped({"x": DELAY, "y": DELAY}))
    assert results == ["x: ok", "y: ok"]
    assert time.perf_counter() - start < 2 * DELAY


def test_timeout_falls_back_to_default():
    start = time.perf_counter()
    assert asyncio.run(fetch_or_default(delay=5, limit=0.05)) == "cached"
    assert time.perf_counter() - start < 1  # the slow call was cancelled


def test_timeout_not_reached_returns_result():
    assert asyncio.run(fetch_or_default(delay=0.01, limit=1)) == "slow-service: ok"


def test_async_context_manager_closes_connection():
    assert asyncio.run(run_query("SELECT 1")) == "result of 'SELECT 1'"


def test_async_context_manager_closes_on_error():
    seen: list[FakeConnection] = []

    async def failing():
        async with connect() as conn:
            seen.append(conn)
            raise LookupError("query failed")

    with pytest.raises(LookupError):
        asyncio.run(failing())
    assert seen[0].closed
