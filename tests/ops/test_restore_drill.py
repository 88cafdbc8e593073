"""The restore drill (make test-ops): the demo studio, backed up, wiped, restored. What a studio
owner needs after a restore: every student's balance as it was, every login still working with the
same signing keys, uploaded files back, a set that cannot be restored by mistake when damaged or
made by another release, and then the journeys of J1-J3 passing on the restored platform."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import httpx

from tests.e2e.test_j1_student import TestStudentJourney  # noqa: F401  (the journeys, re-run here)
from tests.e2e.test_j2_teacher import TestTeacherJourney  # noqa: F401
from tests.e2e.test_j3_admin import TestAdminJourney  # noqa: F401
from tests.support.demo import DEMO_STUDENT_EMAIL, demo_id

from .conftest import DOCUMENT, Drill, admin_token, backup_env, run_backup


def repack(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    """A copy of a set with some members' bytes replaced (a damaged or doctored set)."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member) if member.isfile() else None
            if member.name in change:
                member.size = len(change[member.name])
                copy.addfile(member, io.BytesIO(change[member.name]))
            else:
                copy.addfile(member, data)
    return target


def member(path: Path, name: str) -> bytes:
    with tarfile.open(path, "r:gz") as archive:
        extracted = archive.extractfile(name)
        assert extracted is not None
        return extracted.read()


class TestRestoreDrill:
    def test_every_database_was_wiped_before_the_restore(self, drill: Drill) -> None:
        assert drill.databases_after_wipe == []
        assert "restored" in drill.restore_output

    def test_every_student_has_the_balance_they_had_before(self, drill: Drill) -> None:
        assert len(drill.balances_before) >= 12, "the demo studio's students were seen before the backup"
        assert any(amount != 0 for amount in drill.balances_before.values())
        assert drill.balances_after == drill.balances_before

    def test_the_signing_keys_came_back_so_logins_and_old_tokens_verify(self, drill: Drill) -> None:
        assert drill.keys_after == drill.keys_before
        jwks = httpx.get(drill.platform.service_url("auth") + "/.well-known/jwks.json", timeout=10).json()
        assert len(jwks["keys"]) == len(drill.keys_before)

    def test_an_uploaded_document_downloads_byte_for_byte(self, drill: Drill) -> None:
        student = demo_id(DEMO_STUDENT_EMAIL)
        url = drill.platform.service_url("students") + f"/students/{student}/documents/{drill.document_id}"
        response = httpx.get(url, headers=admin_token(drill.platform), timeout=30)
        assert response.status_code == 200, response.text
        assert response.content == DOCUMENT

    def test_the_set_has_a_manifest_with_checksums_and_migration_heads(self, drill: Drill) -> None:
        manifest = json.loads(member(drill.backup_set, "manifest.json"))
        assert set(manifest["databases"]) == {
            "auth",
            "calendary",
            "groups",
            "lessons",
            "notifications",
            "students",
            "teachers",
        }
        assert all(entry["alembic_head"] for entry in manifest["databases"].values())
        assert {"rabbitmq/definitions.json", "documents.tar", "db/students.dump"} <= set(manifest["files"])
        assert any(name.startswith("jwt-keys/") for name in manifest["files"])
        definitions = json.loads(member(drill.backup_set, "rabbitmq/definitions.json"))
        # Main queues (the test platform's .retry/.dlq queues expire unused after a minute).
        prefix = drill.platform.env["STUDIO_EVENTS_QUEUE_PREFIX"]
        assert {f"{prefix}notifications-service", f"{prefix}lessons-service"} <= {
            q["name"] for q in definitions["queues"]
        }
        assert definitions["bindings"], "the routing of events to queues is part of the set"

    def test_a_set_whose_checksum_does_not_match_is_refused(self, drill: Drill, tmp_path: Path) -> None:
        dump = member(drill.backup_set, "db/students.dump")
        damaged = repack(
            drill.backup_set, tmp_path / "studio-backup-20260101T000000Z.tar.gz", {"db/students.dump": dump[:-1] + b"!"}
        )

        refused = run_backup(backup_env(drill), "verify", str(damaged))

        assert refused.returncode == 1
        assert "checksum mismatch: db/students.dump" in refused.stderr

    def test_a_set_from_another_migration_head_is_refused_before_anything_is_dropped(
        self, drill: Drill, tmp_path: Path
    ) -> None:
        manifest = json.loads(member(drill.backup_set, "manifest.json"))
        manifest["databases"]["lessons"]["alembic_head"] = "0001"
        doctored = repack(
            drill.backup_set,
            tmp_path / "studio-backup-20260101T000001Z.tar.gz",
            {"manifest.json": json.dumps(manifest).encode()},
        )

        refused = run_backup(backup_env(drill), "restore", str(doctored))

        assert refused.returncode == 1
        assert "lessons: the set's migration head '0001'" in refused.stderr
        assert httpx.get(drill.platform.base_url + "/_health/lessons/ready", timeout=10).status_code == 200

    def test_a_running_platform_is_not_restored_over(self, drill: Drill) -> None:
        refused = run_backup(backup_env(drill), "restore", str(drill.backup_set))

        assert refused.returncode == 1
        assert "stop the platform first" in refused.stderr
