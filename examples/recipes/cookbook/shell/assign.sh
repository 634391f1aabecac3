#!/usr/bin/env bash
# Variables and tests in bash: the spacing rules that differ from Python (docs/howto/shell.md).

# --8<-- [start:assign]
BACKUP_DIR=/var/backups/jobboard      # assignment: no spaces around =
NAME="Job Board"                      # quote a value that has spaces
TODAY=$(date +%F)                     # the output of a command
COUNT=$((3 + 4))                      # arithmetic
echo "$NAME: $COUNT files in $BACKUP_DIR/$TODAY"
# --8<-- [end:assign]

# --8<-- [start:test]
ENVIRONMENT=${ENVIRONMENT:-}          # may be empty
if [ "$ENVIRONMENT" = "production" ]; then    # spaces inside [ ], quotes around "$var"
  echo "careful: production"
fi
if [[ -z $ENVIRONMENT ]]; then        # [[ ]] (bash) does not split an empty variable away
  echo "ENVIRONMENT is empty"
fi
# --8<-- [end:test]
