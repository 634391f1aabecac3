"""A fixed-window limit of 5 requests per minute, hit on both sides of a window edge."""

counts: dict[tuple[str, int], int] = {}


def allow(key: str, now: float, limit: int = 5, window: int = 60) -> bool:
    slot = (key, int(now // window))  # which clock minute we are in
    counts[slot] = counts.get(slot, 0) + 1
    return counts[slot] <= limit


times = [59.0] * 5 + [60.5] * 5 + [61.0]  # 11 requests within 2 seconds
print(sum(allow("203.0.113.9", t) for t in times))
