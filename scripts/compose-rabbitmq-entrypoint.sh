#!/bin/sh
# docker-compose.yml's RabbitMQ entrypoint: install the per-service users and permissions
# (rabbitmq/definitions.json, written by scripts/compose-env.py and mounted read-only) so the
# broker loads them at every start, then hand over to the image's own entrypoint. Runs as root:
# the mounted file may be the host user's and private (0600); the broker's user gets its own copy.
set -eu
if [ ! -s /run/studio/definitions.json ]; then
    echo "rabbitmq/definitions.json is missing: run scripts/compose-env.py" >&2
    exit 1
fi
cp /run/studio/definitions.json /etc/rabbitmq/definitions.json
chown rabbitmq:rabbitmq /etc/rabbitmq/definitions.json
chmod 600 /etc/rabbitmq/definitions.json
mkdir -p /etc/rabbitmq/conf.d
echo "load_definitions = /etc/rabbitmq/definitions.json" >/etc/rabbitmq/conf.d/20-studio-definitions.conf
exec docker-entrypoint.sh "$@"
