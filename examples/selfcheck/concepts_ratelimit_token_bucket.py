"""A token bucket with a fake clock: 3 tokens, refilled at 1 token per second."""


class TokenBucket:
    def __init__(self, capacity: int, rate: float) -> None:
        self.capacity = capacity
        self.rate = rate  # tokens added per second
        self.tokens = float(capacity)
        self.last = 0.0

    def allow(self, now: float) -> bool:
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def status(allowed: bool) -> str:
    return "200" if allowed else "429"


bucket = TokenBucket(capacity=3, rate=1.0)
print(" ".join(status(bucket.allow(0.0)) for _ in range(5)))  # a burst at t=0
print(" ".join(status(bucket.allow(t)) for t in (0.5, 1.0, 1.1)))
