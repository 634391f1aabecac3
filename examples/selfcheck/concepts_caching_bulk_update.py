"""Cache-aside with delete-on-write, and a write that skips the invalidation."""

db = {"jobs": 3}
cache: dict[str, int] = {}
queries = 0


def job_count() -> int:
    global queries
    if "jobs" in cache:  # hit: skip the database
        return cache["jobs"]
    queries += 1  # miss: load and store
    cache["jobs"] = db["jobs"]
    return cache["jobs"]


def save_job() -> None:  # like Model.save(): a post_save receiver deletes the key
    db["jobs"] += 1
    cache.pop("jobs", None)


def bulk_update(extra: int) -> None:  # like QuerySet.update(): no signal is sent
    db["jobs"] += extra


print(job_count(), job_count(), queries)
save_job()
print(job_count(), queries)
bulk_update(10)
print(job_count(), queries)
