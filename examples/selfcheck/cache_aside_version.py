"""Cache-aside with a versioned key, in miniature.

The Job Board's jobs/cache.py does the same with Django's cache; a dict stands in for Redis here.
"""

cache: dict[str, object] = {"jobs:list:version": 1}
queries = 0


def job_list_key(query_string: str) -> str:
    return f"jobs:list:v{cache['jobs:list:version']}:{query_string}"


def get_job_list(query_string: str) -> object:
    global queries
    key = job_list_key(query_string)
    data = cache.get(key)
    if data is not None:
        return data  # hit
    queries += 1  # miss: SQL plus serialization
    data = [f"jobs for {query_string}"]
    cache[key] = data
    return data


def invalidate_job_list() -> None:
    cache["jobs:list:version"] += 1  # a job changed


get_job_list("page=1")
get_job_list("page=1")
get_job_list("page=2")
invalidate_job_list()
get_job_list("page=1")
pages = [key for key in cache if key != "jobs:list:version"]
print("queries:", queries, "cached pages:", len(pages))
