#!/usr/bin/env bash
# Start `scripts/up.sh` in the background; return once every service is ready and seeded.
set -euo pipefail
cd "$(dirname "$0")/.."
export STUDIO_LOCAL_DIR=${STUDIO_LOCAL_DIR:-$PWD/.local}

pidfile=$STUDIO_LOCAL_DIR/up.pid
if [ -f "$pidfile" ] && grep -qs honcho "/proc/$(cat "$pidfile")/cmdline"; then
  echo "already running (pid $(cat "$pidfile")): 'make down' first" >&2
  exit 1
fi
rm -f "$STUDIO_LOCAL_DIR/ready"

setsid scripts/up.sh </dev/null >/dev/null 2>&1 &
pid=$!
ready=$STUDIO_LOCAL_DIR/ready
for _ in $(seq 150); do
  if [ -f "$ready" ] && grep -q . "$ready"; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "make up stopped early; last lines of $STUDIO_LOCAL_DIR/logs/platform.log:" >&2
    tail -n 30 "$STUDIO_LOCAL_DIR/logs/platform.log" >&2
    exit 1
  fi
  sleep 2
done
if [ "$(cat "$ready" 2>/dev/null)" != ok ]; then
  echo "not ready ($(cat "$ready" 2>/dev/null || echo 'no answer after 5 minutes')); see 'make logs'" >&2
  exit 1
fi
grep -A3 'Studio is up' "$STUDIO_LOCAL_DIR/logs/platform.log" | tail -n 4
echo "running in the background (pid $pid): 'make logs' to follow, 'make down' to stop"
