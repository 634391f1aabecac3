"""DATABASES for the PostgreSQL and SQLite recipes (docs/howto/postgresql.md)."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


# --8<-- [start:database-url]
def databases_from_env(environ=os.environ):
    """DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME, or SQLite when it is unset."""
    return {
        "default": dj_database_url.parse(
            environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=60,           # reuse a connection for 60 s
            conn_health_checks=True,   # and test it before reuse
        )
    }
# --8<-- [end:database-url]


# --8<-- [start:explicit]
EXPLICIT = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",  # psycopg 3 if installed, else psycopg2
        "NAME": "jobboard",
        "USER": "jobboard",
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": "127.0.0.1",   # a host means TCP and a password; empty means the Unix socket
        "PORT": "5432",
    }
}
# --8<-- [end:explicit]


# --8<-- [start:sqlite-dev]
def sqlite_for_development(path):
    """SQLite tuned for a dev server plus a Celery worker or a second process (Django 5.1+)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL: readers no longer block the writer, nor the writer the readers.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Take the write lock when the transaction starts, so a waiting writer
            # queues up (for `timeout` seconds) instead of failing at once.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
# --8<-- [end:sqlite-dev]


# --8<-- [start:pool]
def pooled_databases_from_env(environ=os.environ):
    """Django 5.1+ and psycopg 3 (pip install "psycopg[pool]"): a connection pool per process.
    A URL has no place for the pool's options, so add them after parsing."""
    default = dj_database_url.parse(environ["DATABASE_URL"])  # CONN_MAX_AGE stays 0: required
    default["OPTIONS"] = {
        **default.get("OPTIONS", {}),
        "pool": {"min_size": 2, "max_size": 10, "timeout": 10},  # or "pool": True for defaults
    }
    return {"default": default}
# --8<-- [end:pool]
