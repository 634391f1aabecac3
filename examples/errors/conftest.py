"""Tests of errors that come from tools outside the Job Board (git, gunicorn, openssl...).

Run from examples/: `python -m pytest errors`. This folder is put on sys.path by pytest
(rootdir conftest), so tests import `catalogue` directly.
"""
