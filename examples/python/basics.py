"""Python basics learners ask about: list comprehension or map(), and what a dataclass checks.

Shown on docs/tech/python.md (python-comprehension-vs-map, python-dataclass-vs-pydantic) and
docs/troubleshooting/python.md (python-dataclass-mutable-default, python-dataclass-field-order);
run by tests/test_basics.py. The broken versions are run by errors/tests/test_python.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def comprehension_and_map() -> dict[str, list]:
    # --8<-- [start:comprehension-vs-map]
    salaries = ["52000", "61000", "48000"]

    # map() calls an existing function on every item and returns a lazy iterator.
    as_ints = list(map(int, salaries))                   # [52000, 61000, 48000]

    # A list comprehension writes the expression inline and can filter in the same line.
    high = [int(s) for s in salaries if int(s) > 50000]  # [52000, 61000]

    # The map() version of the same filter needs filter() and two lambdas: harder to read.
    high_map = list(map(int, filter(lambda s: int(s) > 50000, salaries)))

    # map() is lazy: nothing runs until you loop over it, and it can be read only once.
    lazy = map(int, salaries)
    first_pass = list(lazy)   # [52000, 61000, 48000]
    second_pass = list(lazy)  # []: the iterator is used up

    # Dict and set comprehensions: the same syntax with braces.
    titles = ["Backend dev", "SRE", "Data engineer"]
    title_lengths = {t: len(t) for t in titles}          # {"Backend dev": 11, "SRE": 3, ...}
    by_slug = {t.lower().replace(" ", "-"): t for t in titles if len(t) > 3}
    first_letters = {t[0] for t in titles}               # a set: {"B", "S", "D"}
    # --8<-- [end:comprehension-vs-map]
    return {
        "title_lengths": title_lengths,
        "by_slug": by_slug,
        "first_letters": first_letters,
        "as_ints": as_ints,
        "high": high,
        "high_map": high_map,
        "first_pass": first_pass,
        "second_pass": second_pass,
    }


# --8<-- [start:dataclass-no-validation]
@dataclass
class JobRow:
    title: str
    salary: int


row = JobRow(title="Backend dev", salary="lots")  # no error: type hints are not checked
# row.salary == "lots". A Pydantic model with the same fields would raise ValidationError here,
# and would turn the string "52000" into the int 52000.
# --8<-- [end:dataclass-no-validation]


# --8<-- [start:dataclass-default-factory]
@dataclass
class JobPost:
    title: str
    # tags: list[str] = []  raises ValueError: one list would be shared by every JobPost.
    tags: list[str] = field(default_factory=list)       # a new empty list for each instance
    salary_range: tuple[int, int] = (0, 0)             # immutable: a plain default is fine
    skills: list[str] = field(default_factory=lambda: ["python"])  # a non-empty default


first = JobPost("Backend dev")
second = JobPost("SRE")
first.tags.append("remote")   # second.tags is still []
# --8<-- [end:dataclass-default-factory]


# --8<-- [start:dataclass-kw-only]
@dataclass
class Listing:
    title: str
    remote: bool = False          # a field with a default ...


@dataclass(kw_only=True)          # Python 3.10+: this class's fields are keyword-only
class PaidListing(Listing):
    salary: int                   # ... so a field without one may follow it


paid = PaidListing("Backend dev", salary=52000)   # PaidListing(title=..., remote=False, salary=52000)
# --8<-- [end:dataclass-kw-only]
