#!/usr/bin/env bash
# Backs up a TaskMesh database to one file: scripts/backup.sh <file>
#
# The database named by TASKMESH_DATABASE_URL (and _USER / _PASSWORD), as the server is configured, is dumped with
# pg_dump in its custom format: one consistent snapshot of everything, taken while the nodes keep serving. That is
# the event store and the systems of record (the realtime replay log, idempotency keys, the delivery and reminder
# queue, accounts, memberships, sessions, personal-data keys), and the read models, so a restore serves at once
# without a rebuild. Attachment files live outside the database: copy their directory or bucket as well
# (docs/operations.md#backup-and-restore). Exit codes: 0 written, 1 pg_dump failed, 2 bad usage.
set -euo pipefail
# shellcheck source=scripts/pg-env.sh
. "$(dirname "$0")/pg-env.sh"
if [ $# -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: scripts/backup.sh <file>   (database from TASKMESH_DATABASE_URL, _USER, _PASSWORD)" >&2
  exit 2
fi
target="$1"
if [ -e "$target" ]; then
  echo "$target exists: refusing to overwrite a backup" >&2
  exit 2
fi
pg_env_from_taskmesh || exit 2
command -v pg_dump >/dev/null || { echo "pg_dump is not installed (Debian: postgresql-client)" >&2; exit 2; }

partial="$target.partial"
trap 'rm -f "$partial"' EXIT
# no owners or grants: the restore target's roles decide; -Z 6 compresses the event payloads well
if ! pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial"; then
  echo "pg_dump of $PGDATABASE on $PGHOST:$PGPORT failed" >&2
  exit 1
fi
mv "$partial" "$target"
trap - EXIT
tables=$(pg_restore --list "$target" | grep -c "TABLE DATA" || true)
echo "Backed up $PGDATABASE on $PGHOST:$PGPORT to $target ($(du -h "$target" | cut -f1), $tables tables)"
