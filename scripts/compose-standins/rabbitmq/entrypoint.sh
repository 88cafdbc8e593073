#!/bin/bash
# Stand-in rabbitmq entrypoint: RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS become
# default_user / default_pass (as the official image does), then the server as the rabbitmq user.
set -euo pipefail
if [ "$1" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
    {
        echo "loopback_users.guest = false"
        [ -z "${RABBITMQ_DEFAULT_USER:-}" ] || echo "default_user = $RABBITMQ_DEFAULT_USER"
        [ -z "${RABBITMQ_DEFAULT_PASS:-}" ] || echo "default_pass = $RABBITMQ_DEFAULT_PASS"
    } >/etc/rabbitmq/conf.d/05-standin-defaults.conf
    chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq/conf.d/05-standin-defaults.conf
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
fi
exec "$@"
