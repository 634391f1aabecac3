"""Use retry() from examples/python/decorators.py without its parentheses."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from decorators import retry  # noqa: E402

try:

    @retry  # should be @retry()
    def fetch_rates() -> dict:
        return {"ETB": 1.0}

except TypeError as exc:
    print("TypeError:", exc)
