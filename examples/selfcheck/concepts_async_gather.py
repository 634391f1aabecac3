"""asyncio.gather: the order calls finish in, and the order of the results."""

import asyncio


async def fetch(name: str, delay: float) -> str:
    await asyncio.sleep(delay)  # stands in for a network call
    print("done", name)
    return name


async def main() -> None:
    results = await asyncio.gather(fetch("slow", 0.2), fetch("fast", 0.05))
    print(results)


asyncio.run(main())
