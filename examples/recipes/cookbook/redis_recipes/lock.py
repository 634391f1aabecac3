"""A distributed lock in Redis (docs/howto/redis.md#redis-lock).

Two ways: the raw commands (SET NX PX with a random token, and a compare-and-delete script to
release), and redis-py's Lock, which does the same for you.
"""
import uuid

from redis.exceptions import LockError


# --8<-- [start:set-nx]
RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def acquire(r, name, ttl_ms=30_000):
    """Return a token if you got the lock, or None if another process holds it."""
    token = uuid.uuid4().hex                               # proves later that the lock is yours
    if r.set(f"lock:{name}", token, nx=True, px=ttl_ms):   # SET lock:name <token> NX PX 30000
        return token
    return None


def release(r, name, token):
    """Delete the lock only if it still holds your token: check and delete in one atomic step."""
    return r.eval(RELEASE, 1, f"lock:{name}", token) == 1
# --8<-- [end:set-nx]


# --8<-- [start:redis-py-lock]
def run_once(r, name, job, timeout=60):
    """Run job() unless another process is running it now. Returns job()'s result, or None."""
    lock = r.lock(f"lock:{name}", timeout=timeout, blocking=False)   # timeout in seconds
    if not lock.acquire():
        return None                  # someone else holds it: skip (or retry later)
    try:
        return job()
    finally:
        try:
            lock.release()           # deletes the key only if it still holds this lock's token
        except LockError:            # LockNotOwnedError: the timeout ran out mid-job
            pass
# --8<-- [end:redis-py-lock]
