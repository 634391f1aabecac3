"""Tests for context_managers.py: cleanup on success and on exceptions."""

import os
import sqlite3
from contextlib import closing

import pytest

from context_managers import InsufficientFunds, LockFile, temporary_env, transfer


# --8<-- [start:test-lockfile-cleanup]
def test_lock_file_is_removed_even_when_the_block_raises(tmp_path):
    lock = tmp_path / "job.lock"
    with pytest.raises(RuntimeError):
        with LockFile(lock):
            assert lock.exists()
            raise RuntimeError("job crashed")
    assert not lock.exists()  # __exit__ cleaned up, and the error still reached us
# --8<-- [end:test-lockfile-cleanup]


def test_lock_file_blocks_a_second_holder(tmp_path):
    lock = tmp_path / "job.lock"
    with LockFile(lock) as held:
        assert held.path == lock
        assert lock.read_text(encoding="utf-8") == str(os.getpid())
        with pytest.raises(FileExistsError):
            with LockFile(lock):
                pass  # pragma: no cover
        assert lock.exists()  # the failed second lock did not remove ours
    assert not lock.exists()


def test_temporary_env_restores_values(monkeypatch):
    monkeypatch.setenv("NEXUS_MODE", "prod")
    monkeypatch.delenv("NEXUS_NEW", raising=False)
    with temporary_env(NEXUS_MODE="test", NEXUS_NEW="1"):
        assert os.environ["NEXUS_MODE"] == "test"
        assert os.environ["NEXUS_NEW"] == "1"
    assert os.environ["NEXUS_MODE"] == "prod"
    assert "NEXUS_NEW" not in os.environ


def test_temporary_env_restores_values_after_an_exception(monkeypatch):
    monkeypatch.setenv("NEXUS_MODE", "prod")
    with pytest.raises(KeyError):
        with temporary_env(NEXUS_MODE="test"):
            raise KeyError("oops")
    assert os.environ["NEXUS_MODE"] == "prod"


@pytest.fixture
def conn(tmp_path):
    with closing(sqlite3.connect(tmp_path / "bank.sqlite3")) as connection:
        with connection:
            connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)")
            connection.executemany(
                "INSERT INTO accounts (id, balance) VALUES (?, ?)", [(1, 100), (2, 0)]
            )
        yield connection


def balances(db_path):
    """Read balances through a second connection: it sees only committed data."""
    with closing(sqlite3.connect(db_path)) as other:
        return dict(other.execute("SELECT id, balance FROM accounts"))


# --8<-- [start:test-transaction-rollback]
def test_transfer_commits_both_updates(conn, tmp_path):
    transfer(conn, source=1, target=2, amount=30)
    assert balances(tmp_path / "bank.sqlite3") == {1: 70, 2: 30}


def test_transfer_rolls_back_on_error(conn, tmp_path):
    with pytest.raises(InsufficientFunds):
        transfer(conn, source=1, target=2, amount=500)
    assert balances(tmp_path / "bank.sqlite3") == {1: 100, 2: 0}  # nothing changed
    assert not conn.in_transaction
# --8<-- [end:test-transaction-rollback]


def test_with_connection_does_not_close_it(conn):
    transfer(conn, source=1, target=2, amount=1)
    assert conn.execute("SELECT 1").fetchone() == (1,)  # still usable
