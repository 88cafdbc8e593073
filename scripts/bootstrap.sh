#!/usr/bin/env bash
# Install what the platform needs; a quick no-op when everything is already there.
#   STUDIO_SKIP_FRONTEND_BUILD=1  skip `npm run build` (make test builds it in its own step)
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: nginx (edge proxy in local mode), chromium (browser tests),
# docker-compose (validates docker-compose.yml; no Docker engine needed), psql (database setup),
# promtool from prometheus (checks and unit-tests the alert rules), pg_dump/pg_restore (backups).
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v chromium >/dev/null || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v psql >/dev/null || need+=(postgresql-client)
command -v promtool >/dev/null || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Python: one venv for every package, editable, versions from constraints.txt.
python=${PYTHON:-python3.11}
[ -x .venv/bin/python ] || "$python" -m venv .venv
editable=(-e "studio-kit[testing]")
for pyproject in *-service/pyproject.toml; do
  [ -f "$pyproject" ] && editable+=(-e "$(dirname "$pyproject")")
done
stamp=.venv/.studio-bootstrap
digest=$(cat constraints.txt requirements-dev.txt studio-kit/pyproject.toml ./*-service/pyproject.toml 2>/dev/null | sha256sum)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  echo "installing Python packages"
  .venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt "${editable[@]}"
  echo "$digest" >"$stamp"
fi

# The real OpenID provider the SSO tests run on loopback (tests/oidc: oidc-provider, offline).
if [ -f tests/oidc/package.json ] && {
  [ ! -f tests/oidc/node_modules/.package-lock.json ] ||
    [ tests/oidc/package-lock.json -nt tests/oidc/node_modules/.package-lock.json ]
}; then
  echo "installing the OpenID provider test harness"
  (cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error)
fi

# Frontend: npm ci when package-lock.json is newer than npm's record of node_modules,
# build when a source file is newer than dist/.
if [ -f frontend-service/package.json ]; then
  cd frontend-service
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "installing frontend packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ -z "${STUDIO_SKIP_FRONTEND_BUILD:-}" ] && {
    [ ! -f dist/index.html ] ||
      [ -n "$(find . \( -path ./node_modules -o -path ./dist \) -prune -o -type f -newer dist/index.html -print -quit)" ]
  }; then
    echo "building the frontend"
    npm run build --silent
  fi
fi
