#!/usr/bin/env bash
# TaskMesh as a cluster without Docker: two nodes from the built jar on the PostgreSQL and Redis named by
# TASKMESH_DATABASE_URL and TASKMESH_REDIS_URL, behind nginx with the server block docker-compose.yml uses
# (ops/nginx/taskmesh.conf). Everything it writes (nginx config, pid files, logs, attachments) stays in the run directory.
#
#   scripts/cluster.sh start [--build]   start (building the jar if it is missing, or always with --build), wait until
#                                        every node is ready and nginx answers, print the URL
#   scripts/cluster.sh stop              SIGTERM the nodes, wait for them to drain and exit, then stop nginx
#   scripts/cluster.sh status
#   scripts/cluster.sh nginx-conf <run-dir> <listen-port> <host:port>...
#       writes <run-dir>/nginx.conf for nginx in front of those nodes, checks it with nginx -t and prints its path;
#       the caller runs it: nginx -p <run-dir> -c <path> [-g 'daemon off;'], and stops it with the same and -s quit
#
# Environment: TASKMESH_DATABASE_URL / _USER / _PASSWORD and TASKMESH_REDIS_URL (URL and Redis required);
# TASKMESH_JWT_KEY (required unless SPRING_PROFILES_ACTIVE is dev; the default is prod); every other TASKMESH_*
# setting reaches both nodes as is. The cluster's own, with defaults:
#   TASKMESH_CLUSTER_DIR=.taskmesh/cluster          the run directory
#   TASKMESH_CLUSTER_PORT=8080                      nginx
#   TASKMESH_CLUSTER_NODE_PORTS="8181 8182"         one node per port...
#   TASKMESH_CLUSTER_MANAGEMENT_PORTS="9181 9182"   ...and its Actuator
#   TASKMESH_CLUSTER_JAR=server/target/taskmesh-server.jar
#   TASKMESH_CLUSTER_TIMEOUT=120                    seconds a start or a stop may take
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
ops="$root/ops/nginx"

fail() {
  echo "cluster: $*" >&2
  exit 1
}

absolute_dir() {
  mkdir -p "$1"
  (cd "$1" && pwd)
}

# nginx in front of the given nodes, with every path it writes inside the run directory so that it needs no
# root-owned one (Debian's nginx defaults to /var/lib/nginx and /run/nginx.pid)
write_nginx_conf() {
  local run=$1 port=$2 node
  shift 2
  [[ $port =~ ^[0-9]+$ ]] || fail "listen port '$port' is not a number"
  [ $# -gt 0 ] || fail "nginx-conf needs at least one upstream host:port"
  command -v nginx >/dev/null || fail "nginx is not installed (Debian: apt-get install nginx)"

  {
    echo "# Written by scripts/cluster.sh: as ops/nginx/upstream-compose.conf (which says why), for these nodes."
    echo "upstream taskmesh {"
    echo "    least_conn;"
    echo "    zone taskmesh 64k;"
    for node in "$@"; do
      [[ $node =~ ^[][A-Za-z0-9.:-]+:[0-9]+$ ]] || fail "upstream '$node' is not host:port"
      echo "    server $node max_fails=3 fail_timeout=10s;"
    done
    echo "}"
  } >"$run/upstream.conf"

  # A master started by root runs its workers as "nobody", which may not reach temp paths under a home directory:
  # workers run as the run directory's owner instead. Any other user's workers are that user.
  local user_line="# no user directive: the workers run as the user who starts nginx"
  if [ "$(id -u)" -eq 0 ]; then
    user_line="user $(stat -c %U "$run") $(stat -c %G "$run");"
  fi
  # Connections get half the descriptors (a proxied WebSocket holds two connections); the rest is for the temp
  # files of buffered uploads, logs and listeners. Bounded, since every worker allocates its connection table at start.
  local files
  files=$(ulimit -Hn)
  if [ "$files" = unlimited ] || [ "$files" -gt 32768 ]; then
    files=32768
  fi

  mkdir -p "$run/nginx-temp"
  cat >"$run/nginx.conf" <<EOF
# Written by scripts/cluster.sh. Run: nginx -p "$run" -c "$run/nginx.conf"
$user_line
worker_processes auto;
worker_rlimit_nofile $files;
pid "$run/nginx.pid";
error_log "$run/nginx-error.log" warn;

events {
    worker_connections $((files / 2));
}

http {
    include "$ops/http.conf";
    include "$run/upstream.conf";
    access_log "$run/nginx-access.log" taskmesh;
    client_body_temp_path "$run/nginx-temp/client-body";
    proxy_temp_path "$run/nginx-temp/proxy";
    fastcgi_temp_path "$run/nginx-temp/fastcgi";
    uwsgi_temp_path "$run/nginx-temp/uwsgi";
    scgi_temp_path "$run/nginx-temp/scgi";

    server {
        listen $port;
        include "$ops/taskmesh.conf";
    }
}
EOF
  nginx -t -q -p "$run" -c "$run/nginx.conf" || fail "nginx -t rejected $run/nginx.conf"
}

# the pid in a pid file, if that process still runs; a node's must still be a java -jar, not a reused pid
live_pid() {
  local file=$1 pid
  [ -s "$file" ] || return 1
  pid=$(<"$file")
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ $file == */node-*.pid ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- ' -jar '; then
    return 1
  fi
  echo "$pid"
}

wait_exit() {
  local pid=$1 deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true
}

start() {
  local build=false
  case "${1:-}" in
    --build) build=true ;;
    "") ;;
    *) fail "unknown option '$1' (start takes --build)" ;;
  esac

  # unset, each node would start an embedded PostgreSQL and Redis of its own: two servers, not a cluster
  if [ -z "${TASKMESH_DATABASE_URL:-}" ] || [ -z "${TASKMESH_REDIS_URL:-}" ]; then
    fail "set TASKMESH_DATABASE_URL (with TASKMESH_DATABASE_USER, TASKMESH_DATABASE_PASSWORD) and TASKMESH_REDIS_URL:
  the nodes of a cluster share one PostgreSQL and one Redis, e.g.
  TASKMESH_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/taskmesh TASKMESH_REDIS_URL=redis://127.0.0.1:6379"
  fi
  export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-prod}"
  if [[ ",$SPRING_PROFILES_ACTIVE," != *,dev,* ]] && [ -z "${TASKMESH_JWT_KEY:-}" ]; then
    fail "set TASKMESH_JWT_KEY (openssl rand -base64 32), the key every node signs and verifies with"
  fi
  command -v curl >/dev/null || fail "curl is needed to wait for the nodes"
  [ ${#node_ports[@]} -eq ${#management_ports[@]} ] ||
    fail "TASKMESH_CLUSTER_NODE_PORTS and TASKMESH_CLUSTER_MANAGEMENT_PORTS name different numbers of nodes"

  mkdir -p "$run"
  local file
  for file in "$run"/node-*.pid "$run/nginx.pid"; do
    if live_pid "$file" >/dev/null; then
      fail "already running (pid file $file): scripts/cluster.sh stop first"
    fi
  done
  rm -f "$run"/node-*.pid "$run/nginx.pid"

  # shellcheck source=scripts/jdk.sh source-path=SCRIPTDIR/..
  . "$root/scripts/jdk.sh"
  select_jdk
  if $build || [ ! -f "$jar" ]; then
    (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl server -am)
  fi
  [ -f "$jar" ] || fail "no server jar at $jar"

  # the nginx config first: nginx -t needs no node, and a config it rejects then starts nothing
  local upstreams=() i
  for i in "${!node_ports[@]}"; do
    upstreams+=("127.0.0.1:${node_ports[i]}")
  done
  write_nginx_conf "$run" "$nginx_port" "${upstreams[@]}"

  mkdir -p "$attachments"
  echo "nginx $nginx_port" >"$run/ports"
  for i in "${!node_ports[@]}"; do
    local n=$((i + 1))
    echo "node-$n ${node_ports[i]} ${management_ports[i]}" >>"$run/ports"
    # nohup: the nodes outlive the terminal that started them
    TASKMESH_PORT=${node_ports[i]} TASKMESH_MANAGEMENT_PORT=${management_ports[i]} \
      TASKMESH_ATTACHMENT_DIR=$attachments TASKMESH_PUBLIC_URL=${TASKMESH_PUBLIC_URL:-http://localhost:$nginx_port} \
      nohup "$JAVA_HOME/bin/java" -jar "$jar" >"$run/node-$n.log" 2>&1 </dev/null &
    echo $! >"$run/node-$n.pid"
  done

  local deadline=$((SECONDS + timeout)) pid
  for i in "${!node_ports[@]}"; do
    local n=$((i + 1))
    pid=$(<"$run/node-$n.pid")
    until [ "$(http_status "http://127.0.0.1:${management_ports[i]}/actuator/health/readiness")" = 200 ]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "cluster: node-$n exited; the end of $run/node-$n.log:" >&2
        tail -n 40 "$run/node-$n.log" >&2
        stop >/dev/null || true
        exit 1
      fi
      if [ $SECONDS -ge $deadline ]; then
        echo "cluster: node-$n not ready after ${timeout}s (log: $run/node-$n.log)" >&2
        stop >/dev/null || true
        exit 1
      fi
      sleep 1
    done
    echo "node-$n ready: http://127.0.0.1:${node_ports[i]} (management ${management_ports[i]}, pid $pid)"
  done

  nginx -p "$run" -c "$run/nginx.conf" || { stop >/dev/null || true; fail "nginx did not start: $run/nginx-error.log"; }
  # 502 or 504 is nginx answering without a node behind it
  local status
  until status=$(http_status "http://127.0.0.1:$nginx_port/") && [[ $status != 000 && $status != 502 && $status != 504 ]]; do
    if [ $SECONDS -ge $deadline ]; then
      stop >/dev/null || true
      fail "nginx on $nginx_port does not reach the nodes (last status $status): $run/nginx-error.log"
    fi
    sleep 0.2
  done
  echo "TaskMesh cluster: http://localhost:$nginx_port (state and logs in $run)"
}

stop() {
  local file pid pids=() failed=false
  for file in "$run"/node-*.pid; do
    if pid=$(live_pid "$file"); then
      # the node closes WebSockets with 1012, finishes requests in flight and releases its processors' claims
      kill -TERM "$pid"
      pids+=("$pid" "$file")
    else
      rm -f "$file"
    fi
  done
  local i
  for ((i = 0; i < ${#pids[@]}; i += 2)); do
    pid=${pids[i]} file=${pids[i + 1]}
    if wait_exit "$pid"; then
      echo "stopped $(basename "$file" .pid)"
      rm -f "$file"
    else
      echo "cluster: $(basename "$file" .pid) (pid $pid) still running after ${timeout}s, left for you to look at" >&2
      failed=true
    fi
  done
  if pid=$(live_pid "$run/nginx.pid"); then
    kill -QUIT "$pid"
    if wait_exit "$pid"; then
      echo "stopped nginx"
    else
      echo "cluster: nginx (pid $pid) still running after ${timeout}s" >&2
      failed=true
    fi
  fi
  ! $failed
}

status() {
  local all=true name port management pid
  [ -f "$run/ports" ] || { echo "not started (no $run/ports)"; return 1; }
  while read -r name port management; do
    if [ "$name" = nginx ]; then
      if pid=$(live_pid "$run/nginx.pid"); then
        echo "nginx   pid $pid  http://localhost:$port"
      else
        echo "nginx   stopped"
        all=false
      fi
    elif pid=$(live_pid "$run/$name.pid"); then
      echo "$name  pid $pid  port $port  readiness $(http_status "http://127.0.0.1:$management/actuator/health/readiness")"
    else
      echo "$name  stopped"
      all=false
    fi
  done <"$run/ports"
  $all
}

case "${1:-}" in
  nginx-conf)
    [ $# -ge 4 ] || fail "usage: scripts/cluster.sh nginx-conf <run-dir> <listen-port> <host:port>..."
    run=$(absolute_dir "$2")
    write_nginx_conf "$run" "$3" "${@:4}"
    echo "$run/nginx.conf"
    exit 0
    ;;
  start | stop | status) ;;
  *) fail "usage: scripts/cluster.sh start [--build] | stop | status | nginx-conf <run-dir> <listen-port> <host:port>..." ;;
esac

run=${TASKMESH_CLUSTER_DIR:-$root/.taskmesh/cluster}
[[ $run == /* ]] || run=$PWD/$run
nginx_port=${TASKMESH_CLUSTER_PORT:-8080}
read -r -a node_ports <<<"${TASKMESH_CLUSTER_NODE_PORTS:-8181 8182}"
read -r -a management_ports <<<"${TASKMESH_CLUSTER_MANAGEMENT_PORTS:-9181 9182}"
jar=${TASKMESH_CLUSTER_JAR:-$root/server/target/taskmesh-server.jar}
attachments=${TASKMESH_ATTACHMENT_DIR:-$run/attachments}
timeout=${TASKMESH_CLUSTER_TIMEOUT:-120}

"$1" "${@:2}"
