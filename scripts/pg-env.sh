# Sourced by the backup and restore scripts: turns TASKMESH_DATABASE_URL (a JDBC URL, as the server takes it) and
# TASKMESH_DATABASE_USER / _PASSWORD into libpq's PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD.
pg_env_from_taskmesh() {
  local url="${TASKMESH_DATABASE_URL:-}"
  if [ -z "$url" ]; then
    echo "TASKMESH_DATABASE_URL is not set: name the database, e.g. jdbc:postgresql://db:5432/taskmesh" >&2
    return 2
  fi
  local rest="${url#jdbc:postgresql://}"
  if [ "$rest" = "$url" ]; then
    echo "TASKMESH_DATABASE_URL must be a jdbc:postgresql:// URL, not: $url" >&2
    return 2
  fi
  rest="${rest%%\?*}"
  local hostport="${rest%%/*}"
  export PGDATABASE="${rest#*/}"
  export PGHOST="${hostport%%:*}"
  if [ "$hostport" != "$PGHOST" ]; then export PGPORT="${hostport##*:}"; else export PGPORT=5432; fi
  export PGUSER="${TASKMESH_DATABASE_USER:-postgres}"
  if [ -n "${TASKMESH_DATABASE_PASSWORD:-}" ]; then export PGPASSWORD="$TASKMESH_DATABASE_PASSWORD"; fi
  if [ -z "$PGDATABASE" ] || [ "$PGDATABASE" = "$rest" ]; then
    echo "TASKMESH_DATABASE_URL names no database: $url" >&2
    return 2
  fi
}
