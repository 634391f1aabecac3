"""Context managers: set something up, and always clean it up.

``with`` is synchronous. Its async twin, ``async with``, lives in
``async_basics.py``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType


# --8<-- [start:class-context-manager]
class LockFile:
    """Hold a lock file while a block runs, so two copies of a job never overlap.

    ``__enter__`` creates the file (failing if it exists); ``__exit__`` removes
    it, whether the block finished normally or raised.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> LockFile:
        # "x" mode: create the file, or raise FileExistsError if it is there.
        with self.path.open("x", encoding="utf-8") as handle:
            handle.write(str(os.getpid()))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        self.path.unlink(missing_ok=True)
        return False  # False: do not swallow the exception, if there was one
# --8<-- [end:class-context-manager]


# --8<-- [start:contextlib-context-manager]
@contextmanager
def temporary_env(**values: str) -> Iterator[None]:
    """Set environment variables inside the block, then restore the old ones.

    Code before ``yield`` is the setup, code after it is the cleanup. The
    ``finally`` makes the cleanup run even if the block raises.
    """
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)  # it did not exist before
            else:
                os.environ[name] = old
# --8<-- [end:contextlib-context-manager]


# --8<-- [start:db-transaction-context]
class InsufficientFunds(Exception):
    """Raised when a transfer would make a balance negative."""


def transfer(conn: sqlite3.Connection, source: int, target: int, amount: int) -> None:
    """Move ``amount`` between two accounts: both updates happen, or neither.

    ``with conn:`` commits when the block succeeds and rolls back when it
    raises. It does NOT close the connection: use ``contextlib.closing`` (or
    call ``conn.close()``) for that.
    """
    with conn:
        conn.execute(
            "UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, source)
        )
        (balance,) = conn.execute(
            "SELECT balance FROM accounts WHERE id = ?", (source,)
        ).fetchone()
        if balance < 0:
            raise InsufficientFunds(f"account {source} would go to {balance}")
        conn.execute(
            "UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, target)
        )
# --8<-- [end:db-transaction-context]
