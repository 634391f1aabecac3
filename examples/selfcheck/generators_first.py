"""Self-check, concepts/generators.md: how much of a generator runs when `first()` takes one item."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from generators import first  # noqa: E402  (the page's own code, from examples/python/)


def produce():
    for number in (1, 2, 3):
        print("produced", number)
        yield number


print(*first(produce(), 1))
