#!/usr/bin/env bash
# Back up and restore one PostgreSQL database (docs/howto/postgresql.md).
#   pg_backup.sh backup  DBNAME FILE.dump
#   pg_backup.sh restore FILE.dump DBNAME
# Connection details come from the usual libpq variables: PGHOST, PGPORT, PGUSER, PGPASSWORD.
set -euo pipefail

case "${1:-}" in
  backup)
    # --8<-- [start:backup]
    pg_dump --format=custom --no-owner --no-privileges --file="$3" "$2"
    # --8<-- [end:backup]
    ;;
  restore)
    # --8<-- [start:restore]
    pg_restore --no-owner --no-privileges --clean --if-exists --exit-on-error --dbname="$3" "$2"
    # --8<-- [end:restore]
    ;;
  *)
    echo "usage: $0 backup DBNAME FILE | restore FILE DBNAME" >&2
    exit 2
    ;;
esac
