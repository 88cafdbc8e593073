#!/bin/bash
# Stand-in postgres entrypoint: the official image's first-start initialisation from
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, then the server as the postgres user. The
# database is created in single-user mode, so no server answers pg_isready before it exists.
set -euo pipefail
if [ "$1" = postgres ]; then
    : "${POSTGRES_PASSWORD:?the stand-in postgres image needs POSTGRES_PASSWORD}"
    user="${POSTGRES_USER:-postgres}"
    db="${POSTGRES_DB:-$user}"
    as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)
    if [ "$(id -u)" = 0 ]; then
        mkdir -p "$PGDATA" /var/run/postgresql
        chown postgres:postgres "$PGDATA" /var/run/postgresql
        chmod 700 "$PGDATA"
    else
        as_postgres=()
    fi
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        pwfile="$(mktemp)"
        printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
        chown postgres "$pwfile" 2>/dev/null || true
        "${as_postgres[@]}" initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
        rm -f "$pwfile"
        echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
        if [ "$db" != postgres ]; then
            echo "CREATE DATABASE \"$db\" OWNER \"$user\"" | "${as_postgres[@]}" postgres --single -D "$PGDATA" postgres >/dev/null
        fi
        echo "stand-in postgres: initialised $PGDATA (user $user, database $db)"
    fi
    shift
    exec "${as_postgres[@]}" postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
