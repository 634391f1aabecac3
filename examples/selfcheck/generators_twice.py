"""Self-check, concepts/generators.md: a generator is empty after one pass."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from generators import squares  # noqa: E402  (the page's own code, from examples/python/)

numbers = squares([1, 2, 3])
print(sum(numbers))
print(sum(numbers))
