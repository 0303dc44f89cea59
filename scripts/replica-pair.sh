#!/usr/bin/env bash
# A small PostgreSQL primary and a streaming replica of it, for the read-replica tests and for trying replicas out:
# never the machine's own cluster. Everything lives in <dir>: both data directories, their sockets and logs.
#
#   scripts/replica-pair.sh start <dir> [primary-port replica-port]   initdb, start the primary, pg_basebackup -R the
#                                                                     replica, start it; prints PRIMARY_PORT=… and
#                                                                     REPLICA_PORT=… (free ports unless given)
#   scripts/replica-pair.sh stop <dir>                                stop both and remove <dir>
#   scripts/replica-pair.sh stop-replica <dir> | start-replica <dir>  take the replica down or bring it back
#
# initdb and pg_ctl refuse to run as root, so as root they run as the postgres user (runuser), which must be able to
# write <dir>. Both trust local connections from 127.0.0.1: for tests only.
set -euo pipefail

fail() {
  echo "replica-pair: $*" >&2
  exit 1
}

bindir() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local newest
  newest=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -1)
  if [ -z "$newest" ] || [ ! -x "/usr/lib/postgresql/$newest/bin/initdb" ]; then
    fail "no PostgreSQL server binaries (Debian: postgresql); looked under /usr/lib/postgresql"
  fi
  echo "/usr/lib/postgresql/$newest/bin"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_ctl_start() {
  local data=$1 port=$2 dir=$3
  as_owner "$bin/pg_ctl" -D "$data" -l "$data.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null ||
    fail "could not start $data; its log: $(tail -5 "$data.log" 2>/dev/null)"
}

start() {
  local dir=$1 primary_port=${2:-} replica_port=${3:-}
  [ ! -e "$dir/primary" ] || fail "$dir already holds a pair: stop it first"
  primary_port=${primary_port:-$(free_port)}
  replica_port=${replica_port:-$(free_port)}
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" || fail "the postgres user cannot reach $dir (a parent is not searchable)"
  fi
  as_owner "$bin/initdb" -D "$dir/primary" -A trust -U postgres --no-sync -E UTF8 >/dev/null ||
    fail "initdb failed"
  cat >>"$dir/primary/postgresql.conf" <<CONF
# the replica's needs: WAL for streaming, readable while it replays
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
CONF
  pg_ctl_start "$dir/primary" "$primary_port" "$dir"
  as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/replica" -R -X stream \
    --checkpoint=fast >/dev/null || fail "pg_basebackup failed"
  pg_ctl_start "$dir/replica" "$replica_port" "$dir"
  echo "$primary_port" >"$dir/primary.port"
  echo "$replica_port" >"$dir/replica.port"
  echo "PRIMARY_PORT=$primary_port"
  echo "REPLICA_PORT=$replica_port"
}

stop_one() {
  local data=$1
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  fi
}

[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
command=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
bin=$(bindir)
case "$command" in
  start) start "$dir" "${3:-}" "${4:-}" ;;
  stop)
    stop_one "$dir/replica"
    stop_one "$dir/primary"
    rm -rf "$dir"
    ;;
  stop-replica) stop_one "$dir/replica" ;;
  start-replica) pg_ctl_start "$dir/replica" "$(<"$dir/replica.port")" "$dir" ;;
  *) fail "unknown command '$command': start, stop, stop-replica, start-replica" ;;
esac
