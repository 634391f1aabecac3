"""Tests for paginate.py: pages are fetched lazily, one query at a time."""

import sqlite3
from contextlib import closing

import pytest

from paginate import iter_jobs


@pytest.fixture
def conn():
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute("CREATE TABLE jobs (id INTEGER PRIMARY KEY, title TEXT)")
        connection.executemany(
            "INSERT INTO jobs (title) VALUES (?)", [(f"job {i}",) for i in range(1, 26)]
        )
        yield connection


@pytest.fixture
def queries(conn):
    """Record every SELECT the connection runs."""
    seen = []
    conn.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith("SELECT") else None)
    return seen


def test_yields_every_row_in_order(conn):
    rows = list(iter_jobs(conn, page_size=10))
    assert [row[0] for row in rows] == list(range(1, 26))
    assert rows[0] == (1, "job 1")


def test_fetches_pages_only_on_demand(conn, queries):
    rows = iter_jobs(conn, page_size=10)
    assert queries == []  # creating the generator ran no query

    next(rows)
    assert len(queries) == 1  # first page only

    for _ in range(9):
        next(rows)
    assert len(queries) == 1  # still inside the first page

    next(rows)
    assert len(queries) == 2  # the 11th row needed the second page


def test_query_count_for_full_scan(conn, queries):
    assert sum(1 for _ in iter_jobs(conn, page_size=10)) == 25
    assert len(queries) == 4  # pages of 10, 10, 5, then an empty page ends it


def test_empty_table_and_bad_page_size(conn):
    conn.execute("DELETE FROM jobs")
    assert list(iter_jobs(conn)) == []
    with pytest.raises(ValueError):
        next(iter_jobs(conn, page_size=0))
