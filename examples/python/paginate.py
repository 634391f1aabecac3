"""Lazy pagination: walk a large table one page at a time with a generator."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


# --8<-- [start:lazy-pagination]
def iter_jobs(conn: sqlite3.Connection, page_size: int = 500) -> Iterator[tuple[int, str]]:
    """Yield (id, title) rows, fetching ``page_size`` rows per query.

    Keyset pagination: each query asks for rows *after* the last id seen,
    which stays fast on big tables (OFFSET gets slower the deeper you go).
    A query runs only when the caller needs the next page, so a caller that
    stops early never loads the rest of the table.
    """
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    last_id = 0
    while True:
        page = conn.execute(
            "SELECT id, title FROM jobs WHERE id > ? ORDER BY id LIMIT ?",
            (last_id, page_size),
        ).fetchall()
        if not page:
            return  # no more rows: the generator is finished
        yield from page
        last_id = page[-1][0]


# Usage: memory stays at one page, however big the table is.
# for job_id, title in iter_jobs(conn, page_size=1000):
#     index(job_id, title)
# --8<-- [end:lazy-pagination]
