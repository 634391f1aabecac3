"""PostgreSQL session settings for DATABASES (docs/tech/postgresql.md, docs/howto/postgresql.md)."""
# --8<-- [start:isolation]
from django.db.backends.postgresql.psycopg_any import IsolationLevel


def serializable(default):
    """Every transaction of this connection runs SERIALIZABLE (Django's default: READ COMMITTED).
    Your code must then retry transactions that fail with a serialization error."""
    default["OPTIONS"] = {**default.get("OPTIONS", {}),
                          "isolation_level": IsolationLevel.SERIALIZABLE}
    return default
# --8<-- [end:isolation]


# --8<-- [start:timeouts]
def with_timeouts(default, statement_ms=30_000, lock_ms=5_000):
    """Cancel any statement after statement_ms, and any wait for a lock after lock_ms.
    libpq sends "-c name=value" pairs as server settings when the connection opens."""
    options = f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms}"
    default["OPTIONS"] = {**default.get("OPTIONS", {}), "options": options}
    return default
# --8<-- [end:timeouts]
