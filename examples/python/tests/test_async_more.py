"""Tests for the asyncio.wait, gather(return_exceptions=True), to_thread and TaskGroup examples."""

import asyncio
import time

from async_basics import (fetch_all_or_report, fetch_each_safely, first_answer, gather_keep_errors,
                          report_without_blocking)


def test_wait_first_completed_returns_the_fastest_and_cancels_the_rest():
    start = time.perf_counter()
    answer, cancelled = asyncio.run(first_answer({"slow": 1.0, "fast": 0.05, "slower": 2.0}))
    assert answer == "fast: ok"
    assert cancelled == 2
    assert time.perf_counter() - start < 0.5  # did not wait for the slow mirrors


def test_gather_return_exceptions_keeps_the_other_results():
    results = asyncio.run(gather_keep_errors({"users": 0.05, "jobs": -1, "payments": 0.05}))
    assert results[0] == "users: ok"
    assert isinstance(results[1], ValueError)
    assert results[2] == "payments: ok"


def test_to_thread_and_run_in_executor_do_not_block_the_loop():
    async def main():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        tick_task = asyncio.create_task(ticker())
        start = time.perf_counter()
        results = await report_without_blocking(0.3)
        elapsed = time.perf_counter() - start
        tick_task.cancel()
        return results, elapsed, ticks

    results, elapsed, ticks = asyncio.run(main())
    assert results == ["report ready", "report ready"]
    assert elapsed < 0.55  # the two 0.3 s calls overlapped in two threads
    assert ticks >= 3  # the event loop kept running other tasks meanwhile


def test_except_star_catches_the_errors_of_a_task_group():
    errors = asyncio.run(fetch_all_or_report({"users": 0.05, "jobs": -1}))
    assert errors == ["jobs is down"]  # users was cancelled, not reported
    assert asyncio.run(fetch_all_or_report({"users": 0.01})) == []


def test_errors_handled_inside_each_task_keep_the_other_results():
    results = asyncio.run(fetch_each_safely({"users": 0.05, "jobs": -1}))
    assert results == ["users: ok", "jobs: failed (jobs is down)"]
