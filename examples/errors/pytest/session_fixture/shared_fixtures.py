"""Shared fixtures of docs/troubleshooting/pytest.md (pytest-session-fixture-runs-twice).

errors/tests/test_pytest.py copies this folder into tmp_path and runs pytest there, first with
test files that import the fixture (it runs twice), then with root_conftest.py as conftest.py.
"""
# --8<-- [start:shared-fixtures]
import pytest


@pytest.fixture(scope="session")
def api_token():
    print("SETUP api_token")       # a login, a container, a slow download...
    yield "token-123"
# --8<-- [end:shared-fixtures]
