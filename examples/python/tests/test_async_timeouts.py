"""docs/troubleshooting/async.md#async-timeout-never-fires: a timeout around a blocking call."""
import asyncio

from async_timeouts import slow_report_blocking, slow_report_in_thread, with_deadline


def test_timeout_cannot_interrupt_a_blocking_call():
    # time.sleep(0.6) with a 0.1 s deadline: the call runs to the end and returns before the
    # loop ever gets a chance to run the timeout, so the deadline is silently ignored.
    result, took = asyncio.run(with_deadline(slow_report_blocking, 0.6, 0.1))
    assert result == "report" and took >= 0.6


def test_timeout_fires_on_time_when_the_call_runs_in_a_thread():
    result, took = asyncio.run(with_deadline(slow_report_in_thread, 0.6, 0.1))
    assert result == "timed out" and took < 0.4


def test_wait_for_has_the_same_limit():
    async def main():
        start = asyncio.get_running_loop().time()
        try:
            await asyncio.wait_for(slow_report_blocking(0.5), timeout=0.1)
        except TimeoutError:
            pass
        return asyncio.get_running_loop().time() - start
    assert asyncio.run(main()) >= 0.5
