"""Why an asyncio timeout does not fire around a blocking call (docs/troubleshooting/async.md).

``asyncio.timeout()`` and ``asyncio.wait_for()`` cancel a task at its next ``await``. A blocking
call (``time.sleep``, ``requests.get``, the sync ORM) never reaches one, so the timeout can only
act after the call has returned. Requires Python 3.11+ (``asyncio.timeout``).
"""

from __future__ import annotations

import asyncio
import time


# --8<-- [start:blocking-timeout]
async def slow_report_blocking(seconds: float) -> str:
    time.sleep(seconds)                       # blocks the whole loop: no await inside
    return "report"


async def slow_report_in_thread(seconds: float) -> str:
    await asyncio.to_thread(time.sleep, seconds)   # the loop stays free while the thread waits
    return "report"


async def with_deadline(report, seconds: float, deadline: float) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(deadline):
            result = await report(seconds)
    except TimeoutError:
        result = "timed out"
    return result, time.perf_counter() - start
# --8<-- [end:blocking-timeout]
