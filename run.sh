#!/usr/bin/env bash
# Builds and starts TaskMesh on embedded PostgreSQL 15 and Redis (data in ./.taskmesh), or on the services named by
# TASKMESH_DATABASE_URL / TASKMESH_REDIS_URL. Arguments go to the server, e.g. --server.port=9090.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
select_jdk
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl server -am
exec "$JAVA_HOME/bin/java" -jar server/target/taskmesh-server.jar "$@"
