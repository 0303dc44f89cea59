#!/usr/bin/env bash
# Runs one benchmark scenario: ./bench.sh SCENARIO [--full] [--no-docs] [--no-build] (the scenarios: ./bench.sh
# with none; --no-build runs the jars an earlier call built)
# Builds the server and the harness, then runs the scenario against the PostgreSQL and Redis named by
# TASKMESH_DATABASE_URL / TASKMESH_REDIS_URL (in a database of its own, dropped afterwards) or, when unset, against
# embedded ones. Results: bench-results/*.json and the scenario's section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
select_jdk
build=true
arguments=()
for argument in "$@"; do
  if [ "$argument" = --no-build ]; then build=false; else arguments+=("$argument"); fi
done
if [ "$build" = true ]; then
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl server,bench -am
fi
exec "$JAVA_HOME/bin/java" -Dtaskmesh.root="$PWD" -jar bench/target/taskmesh-bench.jar "${arguments[@]}"
