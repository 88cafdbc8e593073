#!/usr/bin/env bash
# `make test-python`: every Python suite (the root pyproject's testpaths) in two pytest processes
# side by side, then the few tests marked `alone` and the contract checks. The suites spend much of
# their time waiting on PostgreSQL, RabbitMQ and the servers they start, so two processes keep both
# cores busy where one left them half idle. The first streams to the terminal; the second's output
# follows it in one piece. Fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
pytest=.venv/bin/pytest

# The second process: the BFF's suite (it starts the whole downstream platform), auth's and
# students', a little over half of the serial time (276 of 480 s measured), as the first one is
# slowed more by sharing the cores. Each process has its own database suffix and RabbitMQ exchange
# (the plugin names it after a per-session id), but both use TEST_REDIS_URL: these suites must not
# share a Redis database index (redis_db=N in their conftest.py, flushed before every test) with any
# other suite (tests/contracts/test_redis_databases.py): the BFF uses 2 and 12, auth 1, students 7.
second=(bff-service/tests auth-service/tests students-service/tests)

log=$(mktemp)
TEST_DB_SUFFIX="${TEST_DB_SUFFIX:-}_second" "$pytest" -m "not alone" "${second[@]}" >"$log" 2>&1 &
second_pid=$!
# However this script ends, the second process does not outlive it.
trap 'kill "$second_pid" 2>/dev/null || true; rm -f "$log"' EXIT

# The first process: the other testpaths (--ignore would not drop a path pytest is given).
mapfile -t first < <(.venv/bin/python - "${second[@]}" <<'PY'
import sys
import tomllib

with open("pyproject.toml", "rb") as config:
    testpaths = tomllib.load(config)["tool"]["pytest"]["ini_options"]["testpaths"]
print("\n".join(path for path in testpaths if path not in sys.argv[1:]))
PY
)
[ "${#first[@]}" -gt 0 ] || { echo "test-python: no testpaths left for the first pytest" >&2; exit 1; }
first_status=0
"$pytest" -m "not alone" "${first[@]}" || first_status=$?
second_status=0
wait "$second_pid" || second_status=$?
echo "──── run beside the above: ${second[*]} ────"
cat "$log"

if [ "$first_status" -ne 0 ] || [ "$second_status" -ne 0 ]; then
  echo "test-python: the first pytest exited with $first_status, the second with $second_status" >&2
  exit 1
fi
# Tests that stop what every suite shares (the broker), with nothing beside them.
"$pytest" -m alone
"$pytest" tests/contracts
