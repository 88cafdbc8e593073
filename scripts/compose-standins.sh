#!/usr/bin/env bash
# Make the base images docker-compose.yml and the Dockerfiles name available to the local engine.
# For each official image (python:3.11-slim, node:20-alpine, nginx:1.27-alpine, postgres:16-alpine,
# redis:7-alpine, rabbitmq:3.13-management): nothing to do when the engine has it; otherwise pull
# it; when no registry can be reached (a machine with only a Debian mirror), build a STAND-IN from
# Debian bookworm packages and tag it with the official name. Stand-ins are not the official images:
# they are labelled studio.standin=true, their versions are Debian's (PostgreSQL 15, RabbitMQ 3.10,
# nginx 1.22, Redis 7.0, Python 3.11, Node from this machine) and they honour only the interface
# the compose file relies on (scripts/compose-standins/*/Dockerfile says which).
#
#   scripts/compose-standins.sh            # make every image available
#   STUDIO_STANDINS_REBUILD=1 scripts/compose-standins.sh   # rebuild stand-ins even if tagged
#
# The Debian base (debootstrap, about a minute) is cached as a tarball in
# ${STUDIO_STANDINS_CACHE:-/var/cache/studio-standins}; the engine's layer cache keeps the rest.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STANDINS="$HERE/compose-standins"
CACHE="${STUDIO_STANDINS_CACHE:-/var/cache/studio-standins}"
BASE=studio-standin/debian:bookworm
PULL_TIMEOUT="${STUDIO_PULL_TIMEOUT:-30}"
export DOCKER_BUILDKIT=0 # the classic builder: no frontend image to pull

# official name -> stand-in folder
declare -A IMAGES=(
    [python:3.11-slim]=python
    [node:20-alpine]=node
    [nginx:1.27-alpine]=nginx
    [postgres:16-alpine]=postgres
    [redis:7-alpine]=redis
    [rabbitmq:3.13-management]=rabbitmq
)

log() { printf '[standins] %s\n' "$*" >&2; }

have() { docker image inspect "$1" >/dev/null 2>&1; }

is_standin() { [[ "$(docker image inspect -f '{{index .Config.Labels "studio.standin"}}' "$1" 2>/dev/null)" == true ]]; }

debian_mirror() {
    # The Debian mirror this machine's apt uses (deb822 or one-line sources).
    local uri
    uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)"
    [[ -n "$uri" ]] || uri="$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1 || true)"
    [[ -n "$uri" ]] || { log "no Debian mirror in /etc/apt sources"; exit 1; }
    printf '%s\n' "$uri"
}

base_image() {
    have "$BASE" && [[ -z "${STUDIO_STANDINS_REBUILD:-}" ]] && return
    local tarball="$CACHE/debian-bookworm-minbase.tar"
    if [[ ! -s "$tarball" ]]; then
        command -v debootstrap >/dev/null || { apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2; }
        local root mirror
        root="$(mktemp -d)"
        mirror="$(debian_mirror)"
        log "debootstrap bookworm (minbase) into $root"
        debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$mirror" >&2
        rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
        mkdir -p "$CACHE"
        tar -C "$root" -cf "$tarball.tmp" .
        mv "$tarball.tmp" "$tarball"
        rm -rf "$root"
    fi
    log "importing $tarball as $BASE"
    docker import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'LABEL studio.standin=true' "$tarball" "$BASE" >/dev/null
}

build_standin() {
    local name="$1" folder="$STANDINS/$2" context
    context="$(mktemp -d)"
    cp -r "$folder"/. "$context"/
    # The machine's CA bundle: package registries may sit behind a TLS-inspecting proxy whose CA only
    # this machine trusts (pip and npm in the project's Dockerfiles then verify against it).
    cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
    if [[ "$2" == node ]]; then
        # Debian bookworm's nodejs is 18; the frontend needs 20: this machine's own Node and npm.
        local node
        node="$(readlink -f "$(command -v node)")"
        mkdir -p "$context/node/bin" "$context/node/lib"
        cp "$node" "$context/node/bin/node"
        cp -r "$(dirname "$node")/../lib/node_modules" "$context/node/lib/"
    fi
    log "building stand-in $name from $folder"
    docker build --quiet --build-arg "BASE=$BASE" -t "$name" "$context" >&2
    rm -rf "$context"
}

for name in "${!IMAGES[@]}"; do
    if have "$name" && { [[ -z "${STUDIO_STANDINS_REBUILD:-}" ]] || ! is_standin "$name"; }; then
        continue
    fi
    if [[ -z "${STUDIO_STANDINS_REBUILD:-}" ]] && timeout "$PULL_TIMEOUT" docker pull -q "$name" >/dev/null 2>&1; then
        log "pulled $name"
        continue
    fi
    base_image
    build_standin "$name" "${IMAGES[$name]}"
done
log "base images ready: ${!IMAGES[*]}"
