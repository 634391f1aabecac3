"""Date and time recipes: an aware UTC now, time zones, parsing strings, naive and aware."""
# --8<-- [start:utc-now]
from datetime import datetime, timezone
from zoneinfo import ZoneInfo   # Python 3.9+; on Windows also `pip install tzdata`


def now_utc() -> datetime:
    """Now, as an aware datetime in UTC: the replacement for datetime.utcnow()."""
    return datetime.now(timezone.utc)     # timezone.utc is datetime.UTC on 3.11+


def in_zone(moment: datetime, zone: str) -> datetime:
    """The same instant on another clock, e.g. in_zone(now_utc(), "Africa/Addis_Ababa")."""
    return moment.astimezone(ZoneInfo(zone))
# --8<-- [end:utc-now]


# --8<-- [start:parse]
def parse_iso(text: str) -> datetime:
    """'2026-03-05T14:30:00Z' or '2026-03-05 14:30:00+03:00' (the Z needs Python 3.11+)."""
    return datetime.fromisoformat(text)


def parse_form_date(text: str) -> datetime:
    """'05/03/2026 14:30', day first. strptime needs the format to match every character."""
    return datetime.strptime(text.strip(), "%d/%m/%Y %H:%M")


def to_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")      # the same codes, the other way round
# --8<-- [end:parse]


# --8<-- [start:aware]
def as_utc(moment: datetime) -> datetime:
    """Make any datetime aware before comparing: a naive one is taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)    # label it; the clock time stays
    return moment.astimezone(timezone.utc)            # convert it; the instant stays


def is_expired(expires_at: datetime) -> bool:
    return as_utc(expires_at) < now_utc()
# --8<-- [end:aware]
