#!/usr/bin/env bash
# The demo-seed hook scripts/local.py runs once every service is ready (see scripts/seed_demo.py).
# Idempotent: `make up` runs it every time.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python scripts/seed_demo.py "$@"
