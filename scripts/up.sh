#!/usr/bin/env bash
# Run the whole platform without Docker: infrastructure, databases and migrations, then every
# service and nginx under honcho, then the demo seed. Ctrl+C or `make down` stops everything.
# Settings (ports, state dir, database suffix, ...) are environment variables: see scripts/local.py.
set -euo pipefail
cd "$(dirname "$0")/.."

export STUDIO_LOCAL_DIR=${STUDIO_LOCAL_DIR:-$PWD/.local}
py=$PWD/.venv/bin/python
pidfile=$STUDIO_LOCAL_DIR/up.pid

[ -x .venv/bin/honcho ] || { echo "no .venv with honcho: run 'make bootstrap' first" >&2; exit 1; }
if [ -f "$pidfile" ] && grep -qs honcho "/proc/$(cat "$pidfile")/cmdline"; then
  echo "already running (pid $(cat "$pidfile")): 'make down' first" >&2
  exit 1
fi

mkdir -p "$STUDIO_LOCAL_DIR/logs"
# A fresh log per run; tee -i ignores Ctrl+C so honcho's shutdown messages still reach it.
exec > >(tee -i "$STUDIO_LOCAL_DIR/logs/platform.log") 2>&1

scripts/services.sh
"$py" scripts/local.py prepare
"$py" scripts/local.py databases create
"$py" scripts/local.py migrate
# The Procfile's `ready` process seeds the demo studio once all is up, then writes this file.
rm -f "$STUDIO_LOCAL_DIR/ready"

[ -f frontend-service/dist/index.html ] ||
  echo "warning: frontend-service/dist is missing ('make bootstrap' builds it): / will answer 404"

echo $$ >"$pidfile"
exec .venv/bin/honcho -f "$STUDIO_LOCAL_DIR/Procfile" -d "$PWD" -e "$STUDIO_LOCAL_DIR/honcho.env" start
