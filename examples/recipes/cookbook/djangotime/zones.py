"""Time zones in Django: the settings and one conversion (docs/tech/django.md, tested in
recipes/tests/test_django.py)."""
from django.utils import timezone

# --8<-- [start:settings]
USE_TZ = True                     # store and compute in UTC (the default since Django 5.0)
TIME_ZONE = "Africa/Addis_Ababa"  # show and read times in this zone (startproject writes "UTC")
# --8<-- [end:settings]


# --8<-- [start:local]
def wall_clock(moment) -> str:
    """A stored (UTC) datetime as the time on the reader's wall clock."""
    return timezone.localtime(moment).strftime("%d %b %Y, %H:%M")
# --8<-- [end:local]
