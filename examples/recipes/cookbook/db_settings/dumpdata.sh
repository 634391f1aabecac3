#!/usr/bin/env bash
# Copy a Django project's data from SQLite to PostgreSQL (docs/howto/postgresql.md).
# Run from the folder with manage.py. SQLITE_URL and POSTGRES_URL are database URLs, e.g.
#   SQLITE_URL=sqlite:///db.sqlite3 POSTGRES_URL=postgres://jobboard:secret@localhost:5432/jobboard
set -euo pipefail
: "${SQLITE_URL:?set SQLITE_URL}" "${POSTGRES_URL:?set POSTGRES_URL}"
PYTHON="${PYTHON:-python}"

# --8<-- [start:copy]
# 1. Dump everything but the rows that migrate creates by itself.
DATABASE_URL="$SQLITE_URL" "$PYTHON" manage.py dumpdata \
  --natural-foreign --natural-primary \
  --exclude contenttypes --exclude auth.permission \
  --exclude admin.logentry --exclude sessions.session \
  --indent 2 --output data.json

# 2. Create the tables in the new, empty database.
DATABASE_URL="$POSTGRES_URL" "$PYTHON" manage.py migrate --noinput

# 3. Load the rows.
DATABASE_URL="$POSTGRES_URL" "$PYTHON" manage.py loaddata data.json
# --8<-- [end:copy]
