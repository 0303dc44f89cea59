#!/usr/bin/env bash
# Runs npm for the Maven build of the web client. Without npm on the PATH the build goes on without the client
# (the server's / then says it needs Node 20 to build), unless TASKMESH_REQUIRE_WEB_CLIENT is set (CI sets it).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  if [ -n "${TASKMESH_REQUIRE_WEB_CLIENT:-}" ]; then
    echo "[web] npm is required (TASKMESH_REQUIRE_WEB_CLIENT) but not on the PATH" >&2
    exit 1
  fi
  echo "[web] npm is not on the PATH: skipping 'npm $*' (the web client needs Node 20 with npm to build)"
  exit 0
fi
exec npm "$@"
