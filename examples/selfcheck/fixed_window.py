"""A fixed-window counter like django-ratelimit's "5/m", without its per-key offset."""

RATE, PERIOD = 5, 60
counts: dict[int, int] = {}


def allowed(now: int) -> bool:
    window = now - now % PERIOD  # the start of the window that `now` falls in
    counts[window] = counts.get(window, 0) + 1
    return counts[window] <= RATE


times = [55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65]  # one request per second
passed = [t for t in times if allowed(t)]
print(len(passed), "of", len(times), "passed")
