"""Tests for generators.py: laziness, pipelines and send()."""

import itertools
import types
from pathlib import Path

import pytest

from generators import (
    batched,
    first,
    open_job_batches,
    open_jobs,
    read_rows,
    running_average,
    squares,
)


# --8<-- [start:test-generator-lazy]
def test_squares_is_lazy():
    pulled = []

    def numbers():
        for n in (1, 2, 3):
            pulled.append(n)  # record when the generator asks for a value
            yield n

    gen = squares(numbers())
    assert isinstance(gen, types.GeneratorType)
    assert pulled == []  # calling squares() ran nothing yet

    assert next(gen) == 1
    assert pulled == [1]  # exactly one value was produced, on demand

    assert list(gen) == [4, 9]
    assert pulled == [1, 2, 3]


def test_squares_works_on_an_endless_input():
    assert first(squares(itertools.count(1)), 4) == [1, 4, 9, 16]
# --8<-- [end:test-generator-lazy]


def test_generator_is_exhausted_after_one_pass():
    gen = squares([1, 2])
    assert list(gen) == [1, 4]
    assert list(gen) == []  # a generator can be consumed only once


def test_first_stops_without_pulling_extra_items():
    pulled = []

    def numbers():
        for n in range(10):
            pulled.append(n)
            yield n

    assert first(numbers(), 2) == [0, 1]
    assert pulled == [0, 1]  # no look-ahead: the third item was never produced
    assert first(numbers(), 0) == []
    assert pulled == [0, 1]
    assert first([], 3) == []


@pytest.fixture
def jobs_csv(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.csv"
    lines = ["title,status"] + [
        f"job {i},{'open' if i % 2 == 0 else 'closed'}" for i in range(10)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_rows_yields_dicts(jobs_csv):
    rows = read_rows(jobs_csv)
    assert next(rows) == {"title": "job 0", "status": "open"}
    assert sum(1 for _ in rows) == 9


def test_read_rows_closes_the_file_when_closed_early(jobs_csv):
    rows = read_rows(jobs_csv)
    next(rows)
    rows.close()  # GeneratorExit runs the `with` block's cleanup
    with pytest.raises(StopIteration):
        next(rows)


def test_open_jobs_filters_lazily():
    rows = iter([{"status": "open"}, {"status": "closed"}, {"status": "open"}])
    filtered = open_jobs(rows)
    assert next(filtered) == {"status": "open"}
    # Only the first row was read; the rest is still waiting in the source.
    assert list(rows) == [{"status": "closed"}, {"status": "open"}]


def test_batched_groups_and_keeps_the_remainder():
    assert list(batched(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched([1], 0))


def test_pipeline_end_to_end(jobs_csv):
    batches = list(open_job_batches(jobs_csv, size=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    assert all(row["status"] == "open" for batch in batches for row in batch)
    assert batches[0][0]["title"] == "job 0"


def test_running_average_with_send():
    avg = running_average()
    assert next(avg) == 0.0  # prime: run to the first yield
    assert avg.send(10) == 10.0
    assert avg.send(20) == 15.0
    assert avg.send(30) == 20.0
    avg.close()
