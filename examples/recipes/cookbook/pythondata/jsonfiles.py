"""JSON recipes: load/loads and dump/dumps, dates and Decimal in JSON, and an empty or HTML body."""
# --8<-- [start:json-files]
import json
from pathlib import Path


def save_jobs(jobs: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(jobs, f, ensure_ascii=False, indent=2)  # dump: Python -> file


def load_jobs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)                                # load: file -> Python


text = json.dumps({"title": "Backend dev", "remote": True})  # dumps: Python -> str
data = json.loads(text)                                       # loads: str or bytes -> Python
# --8<-- [end:json-files]

# --8<-- [start:json-dates]
from datetime import date, datetime
from decimal import Decimal


def to_json(value):
    """Passed as default=: json calls it for each object it cannot encode itself."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()          # '2026-03-05T14:30:00+00:00'
    if isinstance(value, Decimal):
        return str(value)                 # '85000.50': a float would lose cents
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_with_dates(obj) -> str:
    return json.dumps(obj, default=to_json)
# --8<-- [end:json-dates]


# --8<-- [start:json-body]
def parse_body(body: str) -> dict:
    """Parse a response body, with an error that says what came back instead of JSON."""
    if not body.strip():
        raise ValueError("empty body: the server sent no JSON")
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON, starts with {body[:40]!r}") from exc
# --8<-- [end:json-body]
