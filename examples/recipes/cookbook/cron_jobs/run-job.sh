#!/bin/sh
# --8<-- [start:wrapper]
# Run one Django management command from cron: the app's folder, its virtual
# environment, its variables, and a log with a line per start and end.
set -eu
APP_DIR="${APP_DIR:-/srv/jobboard}"
ENV_FILE="${ENV_FILE:-/etc/jobboard/cron.env}"
LOG_FILE="${LOG_FILE:-/var/log/jobboard/cron.log}"

# cron gives jobs almost no environment: load the app's variables.
if [ -r "$ENV_FILE" ]; then
    set -a; . "$ENV_FILE"; set +a
fi
cd "$APP_DIR"
{
    echo "$(date -u +%FT%TZ) start: $*"
    if "$APP_DIR/.venv/bin/python" manage.py "$@"; then status=0; else status=$?; fi
    echo "$(date -u +%FT%TZ) end: $* (exit $status)"
} >> "$LOG_FILE" 2>&1
exit "$status"
# --8<-- [end:wrapper]
