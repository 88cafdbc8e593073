#!/usr/bin/env bash
# The pgbench ceiling for bookings: bench/load/booking.sql against a throw-away database holding
# the booking tables exactly as the migrations create them (copied from migrated calendary and
# lessons databases, e.g. the `_bench` ones bench.py's platform has while it runs).
#   CALENDARY_DB=calendary_db_bench LESSONS_DB=lessons_db_bench bench/load/ceiling.sh
# Optional: CEILING_DB (booking_ceiling_bench, the throw-away database), CLIENTS (16), THREADS (2), DURATION seconds (20), PGHOST/PGPORT/PGUSER.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${CALENDARY_DB:?name a migrated calendary database}" "${LESSONS_DB:?name a migrated lessons database}"
command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install postgresql-client" >&2; exit 1; }
conn=(-h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}")
db=${CEILING_DB:-booking_ceiling_bench}

PGOPTIONS="-c client_min_messages=warning" psql "${conn[@]}" -d postgres -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
trap 'psql "${conn[@]}" -d postgres -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
psql "${conn[@]}" -d "$db" -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION btree_gist"
pg_dump "${conn[@]}" --schema-only --no-owner -t room -t calendar_event -t calendar_event_attendee \
  -t idempotency_record "$CALENDARY_DB" | psql "${conn[@]}" -d "$db" -qX -v ON_ERROR_STOP=1 >/dev/null
pg_dump "${conn[@]}" --schema-only --no-owner -t lesson -t lesson_student \
  -t outbox_message "$LESSONS_DB" | psql "${conn[@]}" -d "$db" -qX -v ON_ERROR_STOP=1 >/dev/null
# booking.sql stays as it was measured first (issue 19: the ceiling does not move); lessons-service
# has since moved its replays into the kit's idempotency_record, so its old table is created here.
psql "${conn[@]}" -d "$db" -qX -v ON_ERROR_STOP=1 -c "CREATE TABLE booking_idempotency (
  principal varchar(200) NOT NULL, idempotency_key varchar(200) NOT NULL, request_hash varchar(64) NOT NULL,
  lesson_id uuid NOT NULL REFERENCES lesson (id) ON DELETE CASCADE, response jsonb NOT NULL,
  created_at timestamptz NOT NULL, PRIMARY KEY (principal, idempotency_key))"

echo "$(pgbench --version), ${CLIENTS:-16} clients, ${THREADS:-2} threads, ${DURATION:-20} s:"
pgbench "${conn[@]}" -n -c "${CLIENTS:-16}" -j "${THREADS:-2}" -T "${DURATION:-20}" -f "$here/booking.sql" "$db" \
  | grep -E "^(number of transactions actually processed|number of failed|latency average|tps)"
psql "${conn[@]}" -d "$db" -qXtA -c \
  "SELECT 'check: ' || count(*) || ' lessons, ' || (SELECT count(*) FROM calendar_event WHERE status = 'confirmed') || ' confirmed events' FROM lesson"
