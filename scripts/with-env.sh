#!/usr/bin/env bash
# Usage: with-env.sh ENV_FILE DIR COMMAND...  Run COMMAND in DIR with ENV_FILE's variables exported.
set -euo pipefail
env_file=$1 dir=$2
shift 2
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
cd "$dir"
exec "$@"
