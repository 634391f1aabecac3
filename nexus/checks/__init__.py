"""The hub's content checks: run them with `python -m checks` (see __main__.py)."""
