#!/bin/sh
# Stand-in redis entrypoint: like the official image, `redis-server ...` runs as the redis user
# owning /data, with protected mode off (the compose network is the boundary).
set -e
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
    chown -R redis:redis /data
    shift
    exec setpriv --reuid=redis --regid=redis --init-groups redis-server --protected-mode no "$@"
fi
exec "$@"
