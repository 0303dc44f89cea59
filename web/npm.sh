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
# Vite 7 needs Node 20.19 or newer
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
  message="[web] Node $(node --version) is too old: the web client needs Node 20.19 or newer to build"
  if [ -n "${TASKMESH_REQUIRE_WEB_CLIENT:-}" ]; then
    echo "$message" >&2
    exit 1
  fi
  echo "$message; skipping 'npm $*'"
  exit 0
fi
exec npm "$@"
