#!/usr/bin/env bash
# Squash an app's first migrations into one (docs/howto/django-orm.md). Run next to manage.py.
set -euo pipefail
PYTHON="${PYTHON:-python}"

# --8<-- [start:squash]
"$PYTHON" manage.py squashmigrations cookbook_dj_migrations 0002 --noinput
"$PYTHON" manage.py migrate --noinput          # a fresh database runs the squashed file
"$PYTHON" manage.py showmigrations cookbook_dj_migrations
# --8<-- [end:squash]
