#!/usr/bin/env bash
# Stop a platform started by `make up` or `make up-detached` (honcho stops its processes).
set -euo pipefail
cd "$(dirname "$0")/.."
pidfile=${STUDIO_LOCAL_DIR:-$PWD/.local}/up.pid

if [ ! -f "$pidfile" ]; then
  echo "not running"
  exit 0
fi
pid=$(cat "$pidfile")
# Only signal the pid if it is still our honcho (pids get reused).
if grep -qs honcho "/proc/$pid/cmdline"; then
  kill -TERM "$pid"
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  echo "stopped (pid $pid)"
else
  echo "not running (stale pid file)"
fi
rm -f "$pidfile"
