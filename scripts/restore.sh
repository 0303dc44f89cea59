#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: scripts/restore.sh <file>
#
# Into the database named by TASKMESH_DATABASE_URL (and _USER / _PASSWORD), which must exist and be empty: a restore
# never overwrites data (create it first, e.g. `createdb taskmesh_restored`). The whole restore is one transaction,
# so a failure leaves the database as empty as it was. Start the nodes on it afterwards; Flyway finds the schema at
# the backup's version and migrates it forward if the server is newer. Exit codes: 0 restored, 1 pg_restore failed,
# 2 bad usage or a database that is not empty.
set -euo pipefail
# shellcheck source=scripts/pg-env.sh
. "$(dirname "$0")/pg-env.sh"
if [ $# -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: scripts/restore.sh <file>   (into the empty database TASKMESH_DATABASE_URL, _USER, _PASSWORD)" >&2
  exit 2
fi
source="$1"
[ -r "$source" ] || { echo "cannot read $source" >&2; exit 2; }
pg_env_from_taskmesh || exit 2
command -v pg_restore >/dev/null || { echo "pg_restore is not installed (Debian: postgresql-client)" >&2; exit 2; }
pg_restore --list "$source" >/dev/null 2>&1 || { echo "$source is not a backup made by scripts/backup.sh" >&2; exit 2; }

tables=$(psql -X -q -t -A -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") \
  || { echo "cannot connect to $PGDATABASE on $PGHOST:$PGPORT" >&2; exit 2; }
if [ "$tables" != "0" ]; then
  echo "$PGDATABASE on $PGHOST:$PGPORT already holds $tables tables: restore only into an empty database" >&2
  exit 2
fi
if ! pg_restore --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$PGDATABASE" "$source"; then
  echo "pg_restore into $PGDATABASE failed; the database is left empty" >&2
  exit 1
fi
events=$(psql -X -q -t -A -c "SELECT count(*) FROM domain_event_entry")
echo "Restored $source into $PGDATABASE on $PGHOST:$PGPORT: $events events"
