"""`scripts/backup.py --mode compose` against docker-compose.yml (no Docker engine here): the
containers, volumes and paths it relies on are the ones the compose file defines, and a backup and
a restore through a stand-in `docker compose` (tests/ops/fake_compose.py) move the same bytes back."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "backup.py"
DATABASES = ["auth", "calendary", "groups", "lessons", "notifications", "students", "teachers"]


def code_heads() -> dict[str, str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    return {
        name: ",".join(
            sorted(ScriptDirectory.from_config(Config(str(ROOT / f"{name}-service" / "alembic.ini"))).get_heads())
        )
        for name in DATABASES
    }


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


class TestComposeFile:
    def test_every_database_container_gets_the_variables_the_dump_uses(self, compose: dict[str, Any]) -> None:
        for name in DATABASES:
            db = compose["services"][f"{name}-db"]
            assert db["image"].startswith("postgres:"), name
            example = (ROOT / f"{name}-service" / ".env.example").read_text()
            assert "POSTGRES_USER=" in example
            assert "POSTGRES_DB=" in example

    def test_keys_and_documents_are_where_the_script_reads_them(self, compose: dict[str, Any]) -> None:
        auth, students = compose["services"]["auth-service"], compose["services"]["students-service"]
        assert auth["environment"]["JWT_KEYS_DIR"] == "/var/lib/studio/jwt-keys"
        assert "auth-jwt-keys:/var/lib/studio/jwt-keys" in auth["volumes"]
        assert students["environment"]["STUDENTS_DOCUMENTS_DIR"] == "/var/lib/studio/documents"
        assert "students-documents:/var/lib/studio/documents" in students["volumes"]
        assert "rabbitmq" in compose["services"]
        assert "EVENTS_EXCHANGE" not in json.dumps(compose), "the script assumes the default exchange studio.events"


class TestRoundTrip:
    def run(self, tmp_path: Path, *args: str, running: str = "", heads: dict[str, str] | None = None) -> Any:
        env = {
            "PATH": "/usr/bin:/bin",
            "STUDIO_COMPOSE": f"{sys.executable} {ROOT / 'tests' / 'ops' / 'fake_compose.py'}",
            "STUDIO_BACKUP_DIR": str(tmp_path / "backups"),
            "FAKE_COMPOSE_LOG": str(tmp_path / "calls.jsonl"),
            "FAKE_COMPOSE_HEADS": json.dumps(heads or code_heads()),
            "FAKE_COMPOSE_RUNNING": running,
        }
        return subprocess.run(
            [sys.executable, str(SCRIPT), "--mode", "compose", *args], env=env, capture_output=True, text=True
        )

    def calls(self, tmp_path: Path) -> list[dict[str, Any]]:
        return [json.loads(line) for line in (tmp_path / "calls.jsonl").read_text().splitlines()]

    def test_backup_then_restore_puts_the_same_bytes_back(self, tmp_path: Path) -> None:
        made = self.run(tmp_path, "backup")
        assert made.returncode == 0, made.stderr
        [backup_set] = (tmp_path / "backups").glob("studio-backup-*.tar.gz")
        with tarfile.open(backup_set) as archive:
            manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
            definitions = json.loads(archive.extractfile("rabbitmq/definitions.json").read())  # type: ignore[union-attr]
        assert {name: db["alembic_head"] for name, db in manifest["databases"].items()} == code_heads()
        assert [q["name"] for q in definitions["queues"]] == ["notifications-service"], "only this platform's"
        (tmp_path / "calls.jsonl").unlink()

        restored = self.run(tmp_path, "restore", str(backup_set))

        assert restored.returncode == 0, restored.stderr
        calls = self.calls(tmp_path)
        piped = {(c["container"], c["args"][-1].split()[0]): bytes.fromhex(c["stdin"]) for c in calls if c["stdin"]}
        for name in DATABASES:
            assert piped[(f"{name}-db", "pg_restore")] == f"PGDMP dump of {name}-db".encode()
        with tarfile.open(fileobj=io.BytesIO(piped[("auth-service", "rm")])) as keys:
            assert keys.getnames() == ["initial.pem"]
        assert b"%PDF contract" in piped[("students-service", "find")]
        assert json.loads(piped[("rabbitmq", "rabbitmqctl")]) == definitions
        dropped = [c["container"] for c in calls if "dropdb" in c["args"][-1]]
        assert dropped == [f"{name}-db" for name in DATABASES]

    def test_refuses_while_services_run_and_touches_no_database(self, tmp_path: Path) -> None:
        assert self.run(tmp_path, "backup").returncode == 0
        [backup_set] = (tmp_path / "backups").glob("studio-backup-*.tar.gz")
        (tmp_path / "calls.jsonl").unlink()

        refused = self.run(tmp_path, "restore", str(backup_set), running="lessons-service,lessons-db,rabbitmq")

        assert refused.returncode == 1
        assert "docker compose stop lessons-service" in refused.stderr
        assert not any("dropdb" in c["args"][-1] for c in self.calls(tmp_path))

    def test_a_set_from_older_migrations_is_refused(self, tmp_path: Path) -> None:
        older = {**code_heads(), "students": "0001"}
        assert self.run(tmp_path, "backup", heads=older).returncode == 0
        [backup_set] = (tmp_path / "backups").glob("studio-backup-*.tar.gz")

        refused = self.run(tmp_path, "restore", str(backup_set))

        assert refused.returncode == 1
        assert "students: the set's migration head '0001'" in refused.stderr


class TestMakeTargets:
    """`make backup MODE=compose` and `make restore MODE=compose` (docs/runbook.md) drive the same
    compose calls; without MODE they stay in local mode."""

    def make(self, tmp_path: Path, *args: str, running: str = "") -> Any:
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "STUDIO_COMPOSE": f"{sys.executable} {ROOT / 'tests' / 'ops' / 'fake_compose.py'}",
            "STUDIO_BACKUP_DIR": str(tmp_path / "backups"),
            "FAKE_COMPOSE_LOG": str(tmp_path / "calls.jsonl"),
            "FAKE_COMPOSE_HEADS": json.dumps(code_heads()),
            "FAKE_COMPOSE_RUNNING": running,
        }
        return subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), *args], env=env, capture_output=True, text=True
        )

    def test_make_backup_and_restore_through_compose(self, tmp_path: Path) -> None:
        made = self.make(tmp_path, "backup", "MODE=compose")
        assert made.returncode == 0, made.stdout + made.stderr
        [backup_set] = (tmp_path / "backups").glob("studio-backup-*.tar.gz")
        dumped = {json.loads(line)["container"] for line in (tmp_path / "calls.jsonl").read_text().splitlines()}
        assert {f"{name}-db" for name in DATABASES} <= dumped

        refused = self.make(tmp_path, "restore", "MODE=compose", running="auth-service")
        assert refused.returncode != 0
        assert "docker compose stop auth-service" in refused.stderr

        restored = self.make(tmp_path, "restore", "MODE=compose", f"SET={backup_set}")
        assert restored.returncode == 0, restored.stdout + restored.stderr
        calls = [json.loads(line) for line in (tmp_path / "calls.jsonl").read_text().splitlines()]
        assert [c["container"] for c in calls if "dropdb" in c["args"][-1]] == [f"{name}-db" for name in DATABASES]
