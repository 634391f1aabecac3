# The fix: saved as the ROOT conftest.py of the tests (here it is copied to tmp_path/conftest.py).
# --8<-- [start:register]
# tests/conftest.py
pytest_plugins = ["shared_fixtures"]   # load the module once, as a plugin; test files import nothing
# --8<-- [end:register]
