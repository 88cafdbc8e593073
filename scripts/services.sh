#!/usr/bin/env bash
# Start PostgreSQL, Redis and RabbitMQ when installed but stopped; say exactly what is missing.
set -euo pipefail

pg_port=${STUDIO_PGPORT:-5432}
redis_port=${STUDIO_REDIS_PORT:-6379}
missing=()

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! listening "$pg_port"; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ "$pg_port" = 5432 ]; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 30); do listening "$pg_port" && break; sleep 1; done
  else
    missing+=("PostgreSQL on 127.0.0.1:$pg_port (Debian package: postgresql)")
  fi
fi

if ! listening "$redis_port"; then
  if command -v redis-server >/dev/null && [ "$redis_port" = 6379 ]; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 10); do listening 6379 && break; sleep 0.5; done
  else
    missing+=("Redis on 127.0.0.1:$redis_port (Debian package: redis-server)")
  fi
fi

# A custom STUDIO_RABBITMQ_URL points elsewhere: nothing to start here.
if [ -z "${STUDIO_RABBITMQ_URL:-}" ] && ! listening 5672; then
  if command -v rabbitmq-server >/dev/null; then
    echo "starting RabbitMQ"
    rabbitmq-server -detached
    # await_startup fails at once until the node answers at all, hence the loop.
    for _ in $(seq 30); do rabbitmqctl -q await_startup 2>/dev/null && break; sleep 2; done
  else
    missing+=("RabbitMQ on 127.0.0.1:5672 (Debian package: rabbitmq-server)")
  fi
fi

for tool in nginx psql; do
  command -v "$tool" >/dev/null || missing+=("$tool (run 'make bootstrap')")
done

if [ ${#missing[@]} -gt 0 ]; then
  printf 'missing: %s\n' "${missing[@]}" >&2
  exit 1
fi
