"""Type hints for "a value or None" that also work on Python 3.8 and 3.9 (docs/howto/python.md)."""
# --8<-- [start:optional-hints]
from __future__ import annotations  # must be the first statement: keeps every annotation as text

from typing import Optional


def find_slug(title: str, taken: set[str] | None = None) -> str | None:
    """`X | None` (Python 3.10+ syntax) is fine in annotations here, even on 3.8 and 3.9."""
    slug = "-".join(title.lower().split())
    if taken is not None and slug in taken:
        return None
    return slug


def find_slug_classic(title: str, taken: Optional[set[str]] = None) -> Optional[str]:
    """The same hints in the older spelling; `Optional[X]` means exactly `X | None`."""
    return find_slug(title, taken)


# Outside annotations the future import does not help: on Python 3.8 and 3.9 use Optional here.
MaybeSlug = Optional[str]
# --8<-- [end:optional-hints]
