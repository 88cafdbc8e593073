"""The restore drill's platform: the demo studio is seeded on a private platform, backed up with
`scripts/backup.py`, every database dropped and the keys and documents deleted, the set restored,
and the platform started again on the restored state (without the demo seed). The journeys in
tests/ops then run against the restored platform, through the e2e fixtures imported below.

Its own ports and databases, so the drill can run beside the journeys' and the chaos platforms:
STUDIO_TEST_PORT_OFFSET + 500 and STUDIO_TEST_DB_SUFFIX + `_drill` (defaults 10500, `_smoke_drill`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import browser, demo_studio, other_browser, services  # noqa: F401  (fixtures)
from tests.support.demo import ADMIN_EMAIL, DEMO_PASSWORD, DEMO_STUDENT_EMAIL, DEMO_TEACHER_EMAIL, demo_id
from tests.support.fakes import BOT_TOKEN, FakeTelegram, MailCatcher
from tests.support.platform import REPO, Platform, PlatformFailed, running_platform

BACKUP = [sys.executable, str(REPO / "scripts" / "backup.py")]
DOCUMENT = b"%PDF-1.4\n% the drill's contract, byte for byte\n"


@dataclass
class Drill:
    platform: Platform
    backup_set: Path
    backup_output: str
    restore_output: str
    balances_before: dict[str, int]
    balances_after: dict[str, int]
    document_id: str
    databases_after_wipe: list[str]
    keys_before: dict[str, bytes]
    keys_after: dict[str, bytes] = field(default_factory=dict)


def admin_token(platform: Platform) -> dict[str, str]:
    login = httpx.post(
        platform.service_url("auth") + "/auth/login",
        json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def balances(platform: Platform) -> dict[str, int]:
    """Every student's ledger balance, as the admin's student list shows it (all pages)."""
    client = httpx.Client(base_url=platform.base_url, timeout=30)
    csrf = client.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
    assert csrf.status_code == 200, csrf.text
    found: dict[str, int] = {}
    page = 1
    while True:
        body = client.get("/api/admin/students", params={"page": page, "size": 100}).json()
        found.update({s["id"]: s["balance"]["amount_minor"] for s in body["items"]})
        if page * body["size"] >= body["total"]:
            break
        page += 1
    client.close()
    return found


def upload_document(platform: Platform) -> str:
    student = demo_id(DEMO_STUDENT_EMAIL)
    response = httpx.post(
        platform.service_url("students") + f"/students/{student}/documents",
        headers=admin_token(platform),
        files={"file": ("contract.pdf", DOCUMENT, "application/pdf")},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def existing_databases(platform: Platform) -> list[str]:
    suffix = platform.env["STUDIO_DB_SUFFIX"]
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc", "SELECT datname FROM pg_database"],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(name for name in result.stdout.split() if name.endswith(f"_db{suffix}"))


def run_backup(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BACKUP, *args], env=env, capture_output=True, text=True, cwd=REPO)


def read_keys(local_dir: Path) -> dict[str, bytes]:
    return {pem.name: pem.read_bytes() for pem in sorted((local_dir / "jwt-keys").glob("*.pem"))}


@pytest.fixture(scope="session")
def drill(
    tmp_path_factory: pytest.TempPathFactory,
    fake_telegram: FakeTelegram,
    mail_catcher: tuple[int, MailCatcher],
    studio_local_dir: Path,
) -> Iterator[Drill]:
    smtp_port, _ = mail_catcher
    backups = tmp_path_factory.mktemp("backups")
    suffix = os.environ.get("STUDIO_TEST_DB_SUFFIX", "_smoke") + "_drill"
    extra = {
        "STUDIO_SMTP_HOST": "127.0.0.1",
        "STUDIO_SMTP_PORT": str(smtp_port),
        "BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_URL": fake_telegram.url,
        "TRIAL_TEACHER_IDS": str(demo_id(DEMO_TEACHER_EMAIL)),
        "STUDIO_PORT_OFFSET": str(int(os.environ.get("STUDIO_TEST_PORT_OFFSET", "10000")) + 500),
        "STUDIO_DB_SUFFIX": suffix,
        "STUDIO_EVENTS_EXCHANGE": f"studio.events{suffix.replace('_', '.')}",
        "STUDIO_EVENTS_QUEUE_PREFIX": f"{suffix.strip('_')}.",
    }
    try:
        with running_platform(studio_local_dir, extra) as first:
            assert first.seed_outcome == "ok", first.seed_outcome
            document_id = upload_document(first)
            before = balances(first)
            keys_before = read_keys(first.local_dir)
            env = {**first.env, "STUDIO_BACKUP_DIR": str(backups)}
            made = run_backup(env, "backup")
            assert made.returncode == 0, made.stderr
        # Leaving the context stopped the platform and dropped every database: the wipe.
        databases_after_wipe = existing_databases(first)
        for state in ("jwt-keys", "documents"):
            subprocess.run(["rm", "-rf", str(first.local_dir / state)], check=True)
        backup_set = next(backups.glob("studio-backup-*.tar.gz"))
        restored = run_backup(env, "restore", str(backup_set))
        assert restored.returncode == 0, restored.stderr
        keys_after = read_keys(first.local_dir)
        # The first run's "ready" file would make running_platform return before the restart is up.
        (first.local_dir / "ready").unlink()
        with running_platform(studio_local_dir, {**extra, "STUDIO_SKIP_SEED": "1"}) as second:
            yield Drill(
                platform=second,
                backup_set=backup_set,
                backup_output=made.stdout,
                restore_output=restored.stdout,
                balances_before=before,
                balances_after=balances(second),
                document_id=document_id,
                databases_after_wipe=databases_after_wipe,
                keys_before=keys_before,
                keys_after=keys_after,
            )
    except PlatformFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def studio(drill: Drill) -> Platform:
    """The e2e fixtures' platform, here the restored one."""
    return drill.platform


def backup_env(drill: Drill, **extra: Any) -> dict[str, str]:
    return {**drill.platform.env, **{key: str(value) for key, value in extra.items()}}
