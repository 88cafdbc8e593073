"""Create ./.env and every <service>/.env for `docker compose` from the .env.example files.

Blank secrets get random values; auth-service's AUTH_SERVICE_CLIENTS is built from the other
services' SERVICE_CLIENT_ID/SECRET, so the client credentials match. Existing .env files are
never touched (delete them all to start over). BOT_TOKEN and CLOUDPUB_TOKEN are copied from the
environment when set. DIR (default: the repository) is where the .env files are written.

    BOT_TOKEN=123:abc CLOUDPUB_TOKEN=xyz python3 scripts/compose-env.py [DIR]
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from local import client_scopes  # scripts/local.py, beside this file

REPO = Path(__file__).resolve().parent.parent
RANDOM = {
    "SECRET_KEY",
    "POSTGRES_PASSWORD",
    "SERVICE_CLIENT_SECRET",
    "AUTH_BOOTSTRAP_ADMIN_PASSWORD",
    "TELEGRAM_WEBHOOK_SECRET",
    "RABBITMQ_PASSWORD",
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


def main(target_dir: Path) -> None:
    write_new(target_dir / ".env", fill(REPO / ".env.example", {}))
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
