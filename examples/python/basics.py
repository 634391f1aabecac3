"""Python basics learners ask about: list comprehension or map(), and what a dataclass checks.

Shown on docs/tech/python.md (python-comprehension-vs-map, python-dataclass-vs-pydantic);
run by tests/test_basics.py.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    # --8<-- [end:comprehension-vs-map]
    return {
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
