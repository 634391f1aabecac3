"""Cache-aside for the public job list, with hit/miss counters.

The keys carry a version number. Invalidation bumps the version, so every old
page and filter combination is dropped at once without listing keys (which
Redis could do only with a slow SCAN). Old entries simply expire by TTL.
"""
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "jobs:list:version"
HITS_KEY = "jobs:list:hits"
MISSES_KEY = "jobs:list:misses"


def _incr(key: str) -> int:
    """Atomic counter: cache.add() creates it once, cache.incr() is atomic in Redis."""
    cache.add(key, 0, timeout=None)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=None)
        return 1


def current_version() -> int:
    cache.add(VERSION_KEY, 1, timeout=None)
    return cache.get(VERSION_KEY, 1)


def job_list_key(query_string: str) -> str:
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:16]
    return f"jobs:list:v{current_version()}:{digest}"


# --8<-- [start:cache-aside]
def get_job_list(query_string: str, build: Callable[[], Any]) -> Any:
    """Return the cached job list for this query, or build it and cache it.

    Cache-aside: the application, not the cache, talks to the database.
    1. look in the cache; 2. on a miss, build from the database;
    3. store the result with a TTL so stale data cannot live forever.
    """
    key = job_list_key(query_string)
    data = cache.get(key)
    if data is not None:
        _incr(HITS_KEY)
        return data
    _incr(MISSES_KEY)
    data = build()  # the expensive part: SQL plus serialization
    cache.set(key, data, timeout=settings.JOB_LIST_CACHE_TTL)
    return data


def invalidate_job_list() -> None:
    """Called by signals when a job or company changes: bump the key version."""
    _incr(VERSION_KEY)


def cache_stats() -> dict[str, int]:
    return {"hits": cache.get(HITS_KEY, 0), "misses": cache.get(MISSES_KEY, 0)}
# --8<-- [end:cache-aside]


def reset_cache_stats() -> None:
    cache.delete_many([HITS_KEY, MISSES_KEY])
