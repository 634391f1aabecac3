"""The PostgreSQL session settings of docs/tech/postgresql.md and docs/howto/postgresql.md."""
import os

import psycopg
import pytest

from cookbook.db_settings import pg_options
from django.db.backends.postgresql.psycopg_any import IsolationLevel

postgresql_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql", "pgsql"},
    reason="PostgreSQL only: DATABASE_URL does not name a PostgreSQL server")


def test_settings_land_in_options_and_keep_what_was_there():
    default = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"pool": True}}
    pg_options.serializable(default)
    pg_options.with_timeouts(default, statement_ms=100, lock_ms=50)
    assert default["OPTIONS"] == {
        "pool": True,
        "isolation_level": IsolationLevel.SERIALIZABLE,
        "options": "-c statement_timeout=100 -c lock_timeout=50",
    }


@postgresql_only
def test_statement_timeout_cancels_a_slow_query():
    options = pg_options.with_timeouts({}, statement_ms=100)["OPTIONS"]["options"]
    with psycopg.connect(os.environ["DATABASE_URL"], options=options, autocommit=True) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "100ms"
        with pytest.raises(psycopg.errors.QueryCanceled, match="canceling statement due to statement timeout"):
            conn.execute("SELECT pg_sleep(1)")


@postgresql_only
def test_a_repeatable_read_update_after_a_concurrent_one_fails_and_a_retry_succeeds():
    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as setup:
        setup.execute("DROP TABLE IF EXISTS pg_options_counter")
        setup.execute("CREATE TABLE pg_options_counter (id int PRIMARY KEY, n int)")
        setup.execute("INSERT INTO pg_options_counter VALUES (1, 0)")
    try:
        with psycopg.connect(url) as first, psycopg.connect(url) as second:
            for conn in (first, second):
                conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                conn.execute("SELECT n FROM pg_options_counter WHERE id = 1").fetchone()
            first.execute("UPDATE pg_options_counter SET n = n + 1 WHERE id = 1")
            first.commit()
            with pytest.raises(psycopg.errors.SerializationFailure,
                               match="could not serialize access due to concurrent update"):
                second.execute("UPDATE pg_options_counter SET n = n + 1 WHERE id = 1")
            second.rollback()                      # the retry: a new transaction, a new snapshot
            second.execute("UPDATE pg_options_counter SET n = n + 1 WHERE id = 1")
            second.commit()
            assert second.execute("SELECT n FROM pg_options_counter").fetchone()[0] == 2
    finally:
        with psycopg.connect(url, autocommit=True) as cleanup:
            cleanup.execute("DROP TABLE IF EXISTS pg_options_counter")
