"""`await` and indexing in one expression (docs/troubleshooting/async.md#async-coroutine-not-subscriptable).

Run `python await_precedence.py wrong` or `python await_precedence.py right`.
"""
import asyncio
import sys


async def get_job():
    return {"title": "Backend developer"}


# --8<-- [start:wrong]
async def wrong():
    # Indexes the coroutine first, then would await the result.
    return await get_job()["title"]
# --8<-- [end:wrong]


# --8<-- [start:right]
async def right():
    job = await get_job()              # await first...
    return job["title"]                # ...then use the value
# --8<-- [end:right]


if __name__ == "__main__":
    print(asyncio.run({"wrong": wrong, "right": right}[sys.argv[1]]()))
