"""Patch where the name is looked up: a `from ... import` makes a second name."""

from json import dumps  # this module now has its own name `dumps`
from unittest.mock import patch


def render(data: dict) -> str:
    return dumps(data)  # looks `dumps` up in this module


with patch("json.dumps", return_value="patched"):
    print(render({"a": 1}))

with patch(f"{__name__}.dumps", return_value="patched"):
    print(render({"a": 1}))
