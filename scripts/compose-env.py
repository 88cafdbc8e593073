"""Create ./.env and every <service>/.env for `docker compose` from the .env.example files.

Blank secrets get random values; auth-service's AUTH_SERVICE_CLIENTS is built from the other
services' SERVICE_CLIENT_ID/SECRET, so the client credentials match. Existing .env files are
never touched (delete them all to start over). BOT_TOKEN and CLOUDPUB_TOKEN are copied from the
environment when set. DIR (default: the repository) is where the .env files are written.

    BOT_TOKEN=123:abc CLOUDPUB_TOKEN=xyz python3 scripts/compose-env.py [DIR]
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import sys
from pathlib import Path

from local import client_scopes  # scripts/local.py, beside this file

REPO = Path(__file__).resolve().parent.parent
RANDOM = {
    "POSTGRES_PASSWORD",
    "SERVICE_CLIENT_SECRET",
    "AUTH_BOOTSTRAP_ADMIN_PASSWORD",
    "TELEGRAM_WEBHOOK_SECRET",
    "RABBITMQ_PASSWORD",
    *(f"RABBITMQ_{name}_PASSWORD" for name in ("AUTH", "BFF", "CALENDARY", "GROUPS", "LESSONS")),
    *(f"RABBITMQ_{name}_PASSWORD" for name in ("NOTIFICATIONS", "STUDENTS", "TEACHERS", "TG_BOT")),
    "REDIS_PASSWORD",
    "GRAFANA_ADMIN_PASSWORD",
}
FROM_ENVIRONMENT = {
    "BOT_TOKEN": "BOT_TOKEN",
    "TELEGRAM_BOT_TOKEN": "BOT_TOKEN",
    "CLOUDPUB_TOKEN": "CLOUDPUB_TOKEN",
}


def read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and line[0] != "#")
    return dict(pairs)


def fill(example: Path, extra: dict[str, str]) -> str:
    lines = []
    for line in example.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not line.startswith("#") and not value:
            if key in RANDOM:
                value = secrets.token_urlsafe(32)
            elif key in extra:
                value = extra[key]
            elif key in FROM_ENVIRONMENT:
                value = os.environ.get(FROM_ENVIRONMENT[key], "")
            line = f"{key}={value}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_new(path: Path, text: str) -> None:
    if path.exists():
        print(f"kept    {path}")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(text)
    print(f"created {path}")


EVENTS_EXCHANGE = "studio.events"
CATALOG_ROW = re.compile(r"^\| `([a-z_.]+)` \| ([^|]+) \| ([^|]+) \|")


def service_names(cell: str) -> list[str]:
    """`groups, students, teachers (studio_kit.audit: …)` -> the services named, remarks dropped."""
    return [item.strip().split(" ")[0] for item in re.sub(r"\([^)]*\)", "", cell).split(",") if item.strip()]


def event_catalog() -> dict[str, tuple[list[str], list[str]]]:
    """docs/events.md: event type -> (publishers, consumers), service names without -service."""
    catalog = {}
    for line in (REPO / "docs" / "events.md").read_text().splitlines():
        if match := CATALOG_ROW.match(line):
            catalog[match[1]] = (service_names(match[2]), service_names(match[3]))
    return catalog


def password_hash(password: str) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt + sha256(salt + password))."""
    salt = secrets.token_bytes(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def one_of(names: list[str], *patterns: str) -> str:
    alternatives = [re.escape(name) for name in names] + list(patterns)
    return "^(" + "|".join(alternatives) + ")$" if alternatives else "^$"


def rabbitmq_definitions(root_env: dict[str, str], services: list[str]) -> dict[str, object]:
    """One RabbitMQ user per service, allowed only its own queues (named after it: `lessons-service`,
    `lessons-service.retry`, `lessons-service.dlq`, `bff-service`), the events exchange, and on
    it only the routing keys docs/events.md says it publishes (topic write) and consumes (topic
    read). The compose-wide RABBITMQ_USER stays the administrator (management UI, runbook)."""
    catalog = event_catalog()
    admin = root_env.get("RABBITMQ_USER") or "studio"
    users = [
        {
            "name": admin,
            "password_hash": password_hash(root_env["RABBITMQ_PASSWORD"]),
            "hashing_algorithm": "rabbit_password_hashing_sha256",
            "tags": ["administrator"],
        }
    ]
    permissions = [{"user": admin, "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}]
    topic_permissions = []
    for service in services:
        user = f"{service}-service"
        publishes = sorted(event for event, (publishers, _) in catalog.items() if service in publishers)
        consumes = sorted(event for event, (_, consumers) in catalog.items() if service in consumers)
        queues = [re.escape(user) + r"(\..+)?"] if consumes else []
        password = root_env[f"RABBITMQ_{service.upper().replace('-', '_')}_PASSWORD"]
        users.append(
            {
                "name": user,
                "password_hash": password_hash(password),
                "hashing_algorithm": "rabbit_password_hashing_sha256",
                "tags": [],
            }
        )
        # Declaring the exchange needs configure; binding a queue needs write on it and read on the
        # exchange; a retry goes back through the default exchange.
        permissions.append(
            {
                "user": user,
                "vhost": "/",
                "configure": one_of([EVENTS_EXCHANGE], *queues),
                "write": one_of([EVENTS_EXCHANGE, *(["amq.default"] if consumes else [])], *queues),
                "read": one_of([EVENTS_EXCHANGE] if consumes else [], *queues),
            }
        )
        topic_permissions.append(
            {
                "user": user,
                "vhost": "/",
                "exchange": EVENTS_EXCHANGE,
                "write": one_of(publishes),
                "read": one_of(consumes),
            }
        )
    return {
        "users": users,
        "vhosts": [{"name": "/"}],
        "permissions": permissions,
        "topic_permissions": topic_permissions,
        "exchanges": [
            {
                "name": EVENTS_EXCHANGE,
                "vhost": "/",
                "type": "topic",
                "durable": True,
                "auto_delete": False,
                "internal": False,
                "arguments": {},
            }
        ],
    }


def write_rabbitmq_definitions(target_dir: Path) -> None:
    """rabbitmq/definitions.json from the current ./.env (rewritten every run, so it follows edits);
    the broker loads it at every start (docker-compose.yml, scripts/compose-rabbitmq-entrypoint.sh)."""
    services = [example.parent.name.removesuffix("-service") for example in sorted(REPO.glob("*-service/.env.example"))]
    services = [name for name in services if name != "frontend"]
    definitions = rabbitmq_definitions(read_env(target_dir / ".env"), services)
    path = target_dir / "rabbitmq" / "definitions.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(json.dumps(definitions, indent=2) + "\n")
    print(f"wrote   {path}")


def main(target_dir: Path) -> None:
    write_new(target_dir / ".env", fill(REPO / ".env.example", {}))
    write_rabbitmq_definitions(target_dir)
    clients = []
    for example in sorted(REPO.glob("*-service/.env.example")):
        if example.parent.name == "auth-service":
            continue
        target = target_dir / example.parent.name / ".env"
        write_new(target, fill(example, {}))
        values = read_env(target)
        if values.get("SERVICE_CLIENT_ID"):
            service_name = values["SERVICE_CLIENT_ID"].removesuffix("-service")
            clients.append(
                f"{values['SERVICE_CLIENT_ID']}:{values['SERVICE_CLIENT_SECRET']}:{client_scopes(service_name)}"
            )
    auth_example = REPO / "auth-service" / ".env.example"
    auth_env = fill(auth_example, {"AUTH_SERVICE_CLIENTS": ",".join(clients)})
    write_new(target_dir / "auth-service" / ".env", auth_env)
    for name in ("BOT_TOKEN", "CLOUDPUB_TOKEN"):
        if not os.environ.get(name):
            print(f"note: {name} is blank; set it in the .env files when you have it")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO)
