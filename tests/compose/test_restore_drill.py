"""`make backup MODE=compose` and `make restore MODE=compose` (docs/runbook.md "Back up" and
"Restore") against the real containers: a set is written from the running stack, the services are
stopped, the set is restored into the `*-db` containers and the volumes, the services start again
and every student's balance is what it was. Named to run last in tests/compose: it restarts the
stack's services."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import httpx

from tests.compose.conftest import ComposePlatform
from tests.support.demo import ADMIN_EMAIL, DEMO_PASSWORD
from tests.support.platform import LOCAL_RUNNER, REPO

SERVICES = [f"{service.name}-service" for service in LOCAL_RUNNER.SERVICES]


def balances(platform: ComposePlatform) -> dict[str, int]:
    with httpx.Client(base_url=platform.base_url, timeout=30) as client:
        login = client.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        assert login.status_code == 200, login.text
        found: dict[str, int] = {}
        page = 1
        while True:
            body = client.get("/api/admin/students", params={"page": page, "size": 100}).json()
            found.update({s["id"]: s["balance"]["amount_minor"] for s in body["items"]})
            if page * body["size"] >= body["total"]:
                return found
            page += 1


def make(platform: ComposePlatform, backups: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_COMPOSE": shlex.join(platform.compose), "STUDIO_BACKUP_DIR": str(backups)}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), *args, "MODE=compose"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_make_backup_and_restore_through_the_compose_services(demo_studio: ComposePlatform, tmp_path: Path) -> None:
    before = balances(demo_studio)
    made = make(demo_studio, tmp_path, "backup")
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    [backup_set] = tmp_path.glob("studio-backup-*.tar.gz")

    refused = make(demo_studio, tmp_path, "restore", f"SET={backup_set}")
    assert refused.returncode != 0
    assert "stop the services first" in refused.stderr, refused.stderr[-3000:]

    stopped = demo_studio.run("stop", *SERVICES)
    assert stopped.returncode == 0, stopped.stderr
    try:
        restored = make(demo_studio, tmp_path, "restore", f"SET={backup_set}")
        assert restored.returncode == 0, restored.stdout[-3000:] + restored.stderr[-3000:]
    finally:
        started = demo_studio.run("start", *SERVICES)
        assert started.returncode == 0, started.stderr
    demo_studio.wait_healthy()
    assert balances(demo_studio) == before
