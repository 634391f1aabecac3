#!/usr/bin/env bash
# The venv recipe's Linux/macOS/WSL commands, run as they are by recipes/tests/test_python.py.
set -euo pipefail

# --8<-- [start:create]
python3 -m venv .venv             # once per project: makes .venv/ with its own python and pip
# --8<-- [end:create]
# --8<-- [start:activate]
source .venv/bin/activate         # every new terminal: python and pip now mean .venv's
python -c "import sys; print(sys.prefix)"   # prints the path of .venv
deactivate                        # back to the system Python (or just close the terminal)
# --8<-- [end:activate]
# --8<-- [start:no-activate]
.venv/bin/python -m pip --version   # no activation needed: call the venv's python by its path
# --8<-- [end:no-activate]
