#!/usr/bin/env bash
# `make test-compose-up`: the platform as `docker compose up --build` runs it, on this machine.
# 1. A Docker engine: Debian's docker.io is installed when missing and dockerd started in the
#    background when no engine answers (log: /var/log/studio-dockerd.log). A compose
#    implementation: Debian's docker-compose (scripts/bootstrap.sh installs it).
# 2. The base images (scripts/compose-standins.sh): the official ones, or Debian-built STAND-INS
#    tagged with their names when no registry can be reached.
# 3. tests/compose: fresh .env files (scripts/compose-env.py) in a staged copy of the repository,
#    `docker-compose up --build -d`, every healthcheck, the journeys J1–J4 through nginx's published
#    port, the broker restarted mid-run, the two-client lockout; then down with its volumes.
# Prints the wall time. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! docker info >/dev/null 2>&1; then
    if ! command -v dockerd >/dev/null; then
        echo "installing Debian's docker.io (the Docker engine)" >&2
        as_root apt-get update -qq >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >&2
    fi
    if ! docker info >/dev/null 2>&1; then
        echo "starting dockerd in the background (log: /var/log/studio-dockerd.log)" >&2
        as_root sh -c 'nohup dockerd >/var/log/studio-dockerd.log 2>&1 &'
        for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
        docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/studio-dockerd.log" >&2; exit 1; }
    fi
fi
command -v docker-compose >/dev/null || { as_root apt-get update -qq >&2; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >&2; }

scripts/compose-standins.sh
# docker-compose 1.29 builds with the engine's classic builder: no BuildKit frontend image to pull.
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
status=0
.venv/bin/pytest tests/compose -p no:cacheprovider "$@" || status=$?
echo "test-compose-up: $(($(date +%s) - started)) s wall time (exit $status)" >&2
exit "$status"
