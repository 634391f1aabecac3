"""Names and objects: `is` or `==`, copies of lists and dicts, scope and loops over dicts.

Shown on docs/tech/python.md (names-and-objects) and docs/troubleshooting/python.md
(UnboundLocalError, "dictionary changed size during iteration"); run by tests/test_names.py.
"""

from __future__ import annotations

import copy


def identity_and_equality() -> dict[str, object]:
    # --8<-- [start:is-vs-eq]
    a = ["python", "django"]
    b = ["python", "django"]  # an equal list, built separately
    same_value = a == b       # True: == compares the values
    same_object = a is b      # False: is asks "the very same object?"
    c = a                     # a second name for the SAME list: no copy is made
    c.append("drf")           # so a changes too: a == ["python", "django", "drf"]
    missing = None
    no_value = missing is None  # the one place `is` belongs: None (and True, False)
    # --8<-- [end:is-vs-eq]
    return {"same_value": same_value, "same_object": same_object, "a": a, "no_value": no_value}


def copies() -> tuple[list, list, list]:
    # --8<-- [start:copies]
    jobs = [{"title": "Backend dev", "tags": ["python"]}]
    shallow = jobs.copy()          # also list(jobs) or jobs[:]; dicts: d.copy() or dict(d)
    deep = copy.deepcopy(jobs)     # copies the inner dicts and lists too
    shallow.append({"title": "SRE", "tags": []})  # the outer list is new: jobs is unchanged
    shallow[0]["tags"].append("django")  # the inner dict is SHARED: jobs[0] changes as well
    # jobs[0]["tags"] == ["python", "django"], deep[0]["tags"] == ["python"]
    # --8<-- [end:copies]
    return jobs, shallow, deep


# --8<-- [start:unbound-local]
job_count = 0


def add_job_broken() -> None:
    job_count += 1  # noqa: F821  # assigned here, so local in the whole function: UnboundLocalError


def add_job_global() -> None:
    global job_count  # "job_count here is the module's variable"
    job_count += 1


def add_job(count: int) -> int:
    return count + 1  # better: take the value in, hand the new value back


def make_counter():
    count = 0

    def increment() -> int:
        nonlocal count  # the same fix for a variable of the enclosing function
        count += 1
        return count

    return increment
# --8<-- [end:unbound-local]


def remove_closed_broken(jobs: dict[str, bool]) -> None:
    for slug in jobs:
        if not jobs[slug]:
            del jobs[slug]  # RuntimeError: dictionary changed size during iteration


# --8<-- [start:dict-changed-size]
def remove_closed(jobs: dict[str, bool]) -> None:
    for slug in list(jobs):  # loop over a snapshot of the keys: the dict may now change
        if not jobs[slug]:
            del jobs[slug]


def open_jobs(jobs: dict[str, bool]) -> dict[str, bool]:
    return {slug: is_open for slug, is_open in jobs.items() if is_open}  # or build a new dict
# --8<-- [end:dict-changed-size]


def callbacks() -> tuple[list[str], list[str]]:
    # --8<-- [start:late-binding]
    slugs = ["backend-dev", "sre", "data-eng"]
    late = [lambda: f"publish {slug}" for slug in slugs]          # each looks `slug` up when CALLED
    bound = [lambda slug=slug: f"publish {slug}" for slug in slugs]  # default: value kept at creation
    # [f() for f in late]  == ["publish data-eng", "publish data-eng", "publish data-eng"]
    # [f() for f in bound] == ["publish backend-dev", "publish sre", "publish data-eng"]
    # --8<-- [end:late-binding]
    return [f() for f in late], [f() for f in bound]
