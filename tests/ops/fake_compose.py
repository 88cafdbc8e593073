"""A stand-in for `docker compose` (STUDIO_COMPOSE) in tests/ops/test_backup_compose.py: answers the
calls scripts/backup.py makes in compose mode like the real containers would, and records each call
(arguments and the bytes piped in) in FAKE_COMPOSE_LOG, one JSON object per line."""

from __future__ import annotations

import io
import json
import os
import sys
import tarfile


def tar_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def main(args: list[str]) -> int:
    heads = json.loads(os.environ["FAKE_COMPOSE_HEADS"])
    stdin = b"" if sys.stdin.isatty() else sys.stdin.buffer.read()
    # `exec -T <container> sh -c <script>` or `run --rm --no-deps -T --entrypoint sh <service> -c <script>`
    container = args[2] if args[:1] == ["exec"] else args[-3]
    with open(os.environ["FAKE_COMPOSE_LOG"], "a") as log:
        log.write(json.dumps({"args": args, "container": container, "stdin": stdin.hex()}) + "\n")
    out = sys.stdout.buffer
    if args[:1] == ["ps"]:
        # The one form both compose implementations accept: Debian's docker-compose 1.29 has no
        # `ps --status`, only `--filter status=...` (which the compose plugin v2 accepts too).
        if args != ["ps", "--services", "--filter", "status=running"]:
            sys.stderr.write(f"fake compose: unsupported ps arguments {args}\n")
            return 1
        out.write(os.environ.get("FAKE_COMPOSE_RUNNING", "").replace(",", "\n").encode())
        return 0
    script = args[-1]
    if container.endswith("-db") and "alembic_version" in script:
        out.write(heads[container.removesuffix("-db")].encode() + b"\n")
    elif container.endswith("-db") and script.startswith("pg_dump"):
        out.write(f"PGDMP dump of {container}".encode())
    elif container == "auth-service" and "-cf -" in script:
        out.write(tar_of({"./initial.pem": b"-----BEGIN PRIVATE KEY-----\nkey\n"}))
    elif container == "students-service" and "-cf -" in script:
        out.write(tar_of({"./contract.pdf": b"%PDF contract"}))
    elif container == "rabbitmq" and "export_definitions" in script:
        queue = {"name": "notifications-service", "vhost": "/", "durable": True, "auto_delete": False, "arguments": {}}
        binding = {
            "source": "studio.events",
            "destination": "notifications-service",
            "destination_type": "queue",
            "routing_key": "lesson.scheduled",
            "arguments": {},
            "vhost": "/",
        }
        other = {**queue, "name": "someone-else"}
        definitions = {"exchanges": [{"name": "studio.events", "vhost": "/", "type": "topic"}]}
        out.write(json.dumps({**definitions, "queues": [queue, other], "bindings": [binding]}).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
