#!/usr/bin/env bash
# The requirements recipe's commands, run as they are by recipes/tests/test_python.py (which points
# pip at local wheels with PIP_NO_INDEX and PIP_FIND_LINKS, so no network is needed).
set -euo pipefail

# --8<-- [start:freeze]
python -m pip install "requests==2.32.3"   # install what the code imports
python -m pip freeze > requirements.txt    # pin it, and every dependency, to exact versions
# --8<-- [end:freeze]
cat requirements.txt
# --8<-- [start:install]
python -m pip install -r requirements.txt  # a fresh clone, a teammate, a server or CI
python -m pip check                        # every installed package has what it needs
# --8<-- [end:install]
