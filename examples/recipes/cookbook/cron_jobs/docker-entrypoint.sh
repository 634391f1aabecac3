#!/bin/sh
# --8<-- [start:entrypoint]
# Entrypoint of a cron container: save the container's variables where
# run-job.sh reads them, then start the command (cron -f by default).
set -eu
ENV_FILE="${ENV_FILE:-/etc/jobboard/cron.env}"
mkdir -p "$(dirname "$ENV_FILE")"
( umask 077; export -p > "$ENV_FILE" )   # readable by root only: it holds secrets
exec "$@"
# --8<-- [end:entrypoint]
