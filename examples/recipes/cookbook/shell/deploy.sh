#!/usr/bin/env bash
# A stand-in deploy script for docs/howto/shell.md (the tests copy it, break it and fix it).
set -euo pipefail
echo "deploying ${1:-jobboard}"
