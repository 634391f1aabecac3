#!/usr/bin/env bash
# Back up an SQLite database to a dated file and delete old backups.
#
#   backup_db.sh [-o backup_dir] [-k keep_days] DB_FILE
#
# Uses the sqlite3 command line tool when it exists, otherwise Python's sqlite3
# module; both use SQLite's online backup, which is safe while the app runs.
# Exit codes: 0 done, 1 backup failed, 2 wrong usage.

# --8<-- [start:backup]
set -euo pipefail

usage() {
  echo "usage: ${0##*/} [-o backup_dir] [-k keep_days] DB_FILE" >&2
  exit 2
}

backup_dir=./backups keep_days=7
while getopts ":o:k:h" opt; do
  case "$opt" in
    o) backup_dir=$OPTARG ;;
    k) keep_days=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 && $keep_days =~ ^[0-9]+$ ]] || usage
db=$1
[[ -f $db ]] || { echo "no such database: $db" >&2; exit 1; }

name=$(basename "$db" .sqlite3)
target="$backup_dir/$name-$(date -u +%Y%m%dT%H%M%SZ).sqlite3"
partial="$target.partial"
trap 'rm -f -- "$partial"' EXIT   # never leave a half-written file behind
mkdir -p -- "$backup_dir"

if command -v "${SQLITE3_BIN:-sqlite3}" >/dev/null 2>&1; then
  "${SQLITE3_BIN:-sqlite3}" "$db" ".backup '$partial'"
else
  python3 -c 'import sqlite3, sys
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst)' "$db" "$partial"
fi
mv -- "$partial" "$target"    # rename is atomic: the backup appears complete
echo "backup written: $target"

# Delete this database's backups older than keep_days days.
find "$backup_dir" -maxdepth 1 -type f -name "$name-*.sqlite3" \
  -mtime +"$keep_days" -print -delete
# --8<-- [end:backup]
