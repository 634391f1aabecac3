"""Code under test that reads the clock."""
# --8<-- [start:deadlines]
from datetime import datetime, timezone


def is_open(deadline: datetime) -> bool:
    return datetime.now(timezone.utc) < deadline
# --8<-- [end:deadlines]
