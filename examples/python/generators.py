"""Generators: lazy sequences and pipelines.

Everything in this module is ordinary synchronous Python. A generator pauses at
each ``yield`` and resumes when the caller asks for the next value; no event
loop is involved.
"""

from __future__ import annotations

import csv
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path


# --8<-- [start:generator-basic]
def squares(numbers: Iterable[int]) -> Iterator[int]:
    """Yield the square of each number, one at a time.

    Nothing runs when you call ``squares(...)``: the body starts on the first
    ``next()`` and pauses again at every ``yield``. That is why it also works
    on an endless input such as ``itertools.count()``.
    """
    for number in numbers:
        yield number * number


def first(iterable: Iterable[int], count: int) -> list[int]:
    """Take at most ``count`` items from any iterable, then stop asking."""
    result = []
    if count <= 0:
        return result  # asking for nothing must not pull an item
    for item in iterable:
        result.append(item)
        if len(result) == count:
            break  # stop before asking for one more
    return result


# A generator expression is the one-line form of the same idea:
# total = sum(n * n for n in range(1_000_000))  # no million-item list in memory
# --8<-- [end:generator-basic]


# --8<-- [start:generator-pipeline]
def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Stage 1: read a CSV file lazily, one row at a time."""
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)  # delegate to the reader's iterator


def open_jobs(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, str]]:
    """Stage 2: keep only rows whose status is "open"."""
    return (row for row in rows if row["status"] == "open")


def batched(items: Iterable[dict[str, str]], size: int) -> Iterator[list[dict[str, str]]]:
    """Stage 3: group items into lists of ``size`` (the last may be shorter).

    Python 3.12 ships ``itertools.batched``; this version works on 3.11.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    batch: list[dict[str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def open_job_batches(path: Path, size: int = 100) -> Iterator[list[dict[str, str]]]:
    """Chain the stages. At most one batch of rows is in memory at a time."""
    return batched(open_jobs(read_rows(path)), size)
# --8<-- [end:generator-pipeline]


# --8<-- [start:generator-send]
def running_average() -> Generator[float, float, None]:
    """Receive numbers with ``send()`` and yield the average so far.

    Prime it with ``next()`` first, so the body runs up to the first ``yield``.
    """
    total = 0.0
    count = 0
    average = 0.0
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count
# --8<-- [end:generator-send]
