from datetime import datetime, timezone
from unittest.mock import patch

import pytest

import deadlines


# --8<-- [start:fixed-now]
FIXED_NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_open_before_the_deadline():
    with patch("deadlines.datetime", wraps=datetime) as clock:   # the name deadlines uses
        clock.now.return_value = FIXED_NOW
        assert deadlines.is_open(datetime(2026, 3, 2, tzinfo=timezone.utc))
        assert not deadlines.is_open(datetime(2026, 2, 28, tzinfo=timezone.utc))
# --8<-- [end:fixed-now]


# --8<-- [start:immutable]
def test_datetime_itself_cannot_be_patched():
    with pytest.raises(TypeError, match="cannot set 'now' attribute of immutable type"):
        with patch("datetime.datetime.now", return_value=FIXED_NOW):
            pass
# --8<-- [end:immutable]
