"""The web app's journeys J1 to J9 (J4 money, J5 the front desk, J9 booking any teacher) and the
guard checks on every routed screen (idle API requests, phone width, axe-core; e2e-platform/screens.spec.ts) in Debian's
Chromium, desktop and phone, against the session's platform (tests/conftest.py):
frontend-service/e2e-platform via `npx playwright test`. Screenshots land in
frontend-service/test-results/screens/<viewport>/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.platform import Platform

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend-service"
# Eight journeys take about 1.5 minutes on the shared 2-core machine; the screen checks (every
# screen of every role, 10 s idle each side by side, axe-core) about 8 more.
PLAYWRIGHT_TIMEOUT_S = 1500


def bundle_is_stale() -> bool:
    """nginx serves frontend-service/dist: rebuild when any source is newer than the bundle."""
    index = FRONTEND / "dist" / "index.html"
    if not index.exists():
        return True
    built = index.stat().st_mtime
    sources = [FRONTEND / "index.html", *(FRONTEND / "src").rglob("*"), *(FRONTEND / "public").rglob("*")]
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)


def run(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=FRONTEND, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def test_journeys_in_chromium_on_desktop_and_phone(studio: Platform, journey_plan: Path) -> None:
    env = {
        **os.environ,
        "BASE_URL": studio.base_url,
        "BROWSER_PLAN": str(journey_plan),
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "CI": "1",
    }
    if bundle_is_stale():
        build = run(["npm", "run", "build"], env, 300)
        assert build.returncode == 0, f"the frontend build failed:\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}"
    screens = FRONTEND / "test-results" / "screens"
    shutil.rmtree(screens, ignore_errors=True)  # only this run's pictures count below
    listed = run(["npx", "playwright", "test", "-c", "playwright.platform.config.ts", "--list"], env, 120)
    assert listed.returncode == 0, listed.stdout[-4000:] + listed.stderr[-4000:]
    total = re.search(r"Total: (\d+) tests? in", listed.stdout)
    assert total, listed.stdout[-4000:]
    expected = int(total.group(1))
    assert expected >= 20, f"fewer Playwright tests than the journeys and screen checks need: {expected}"
    result = run(["npx", "playwright", "test", "-c", "playwright.platform.config.ts"], env, PLAYWRIGHT_TIMEOUT_S)
    if result.returncode != 0:
        pytest.fail(f"Playwright journeys failed:\n{result.stdout[-12000:]}\n{result.stderr[-4000:]}", pytrace=False)
    # Every listed test (journeys and screen checks, each on desktop and phone) ran and passed:
    # none skipped, none flaky.
    assert f"{expected} passed" in result.stdout, result.stdout[-4000:]
    for viewport in ("desktop", "phone"):
        names = {path.name for path in (screens / viewport).glob("j*.png")}
        assert {
            "j1-03-dashboard.png",
            "j2-06-payroll.png",
            "j3-05-notifications.png",
            "j4-02-payroll.png",
            "j4-03-debts.png",
            "j5-03-moved.png",
            "j5-04-week.png",
            "j5-05-filtered.png",
            "j5-06-closed-days.png",
            "j9-01-any-teacher.png",
            "j9-03-lessons.png",
        } <= names, names
