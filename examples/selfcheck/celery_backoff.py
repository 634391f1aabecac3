"""The waits Celery computes for autoretry, before jitter.

The formula is copied from Celery 5.7 (celery.utils.time.get_exponential_backoff_interval,
called by celery.app.autoretry) so this runs with the standard library only; a Job Board test
checks that the copy still matches Celery.
"""


def backoff_wait(factor: int, retries: int, maximum: int) -> int:
    return min(maximum, factor * (2**retries))


if __name__ == "__main__":
    # @shared_task(autoretry_for=(...), retry_backoff=5, retry_backoff_max=30,
    #              retry_jitter=False, max_retries=5)
    waits = [backoff_wait(factor=5, retries=n, maximum=30) for n in range(5)]
    print(waits)
