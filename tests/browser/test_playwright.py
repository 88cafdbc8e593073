"""The web app's journeys J1 to J9 (J4 money, J5 the front desk, J9 booking any teacher) and the
guard checks on every routed screen (idle API requests, phone width, axe-core; e2e-platform/screens.spec.ts) in Debian's
Chromium, desktop and phone, against the session's platform (tests/conftest.py):
frontend-service/e2e-platform via `npx playwright test`. Screenshots land in
frontend-service/test-results/screens/<viewport>/."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.platform import Platform

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend-service"
# On the shared 2-core machine the journeys take about 5 minutes and the screen checks beside them
# (every screen of every role open side by side, 10 s idle, axe-core) about 3.
PLAYWRIGHT_TIMEOUT_S = 1500
PLAYWRIGHT = ["npx", "playwright", "test", "-c", "playwright.platform.config.ts"]
# PLATFORM_SUITE in playwright.platform.config.ts: the journeys change the one seeded studio and
# run one at a time in a stable order; the screen guards only read, so a second Playwright runs
# them beside the journeys.
SUITES = ("journeys", "guards")


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


def listed_tests(env: dict[str, str]) -> int:
    """How many tests `playwright test --list` finds with this environment."""
    listed = run([*PLAYWRIGHT, "--list"], env, 120)
    assert listed.returncode == 0, listed.stdout[-4000:] + listed.stderr[-4000:]
    total = re.search(r"Total: (\d+) tests? in", listed.stdout)
    assert total, listed.stdout[-4000:]
    return int(total.group(1))


def wait_or_stop(process: subprocess.Popen[bytes], deadline: float) -> int | None:
    """The exit status, or None when it ran out of time (its whole process group is killed then)."""
    try:
        return process.wait(max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        return None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_journeys_in_chromium_on_desktop_and_phone(studio: Platform, journey_plan: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BASE_URL": studio.base_url,
        "BROWSER_PLAN": str(journey_plan),
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "CI": "1",
    }
    env.pop("PLATFORM_SUITE", None)
    if bundle_is_stale():
        build = run(["npm", "run", "build"], env, 300)
        assert build.returncode == 0, f"the frontend build failed:\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}"
    screens = FRONTEND / "test-results" / "screens"
    shutil.rmtree(screens, ignore_errors=True)  # only this run's pictures count below
    everything = listed_tests(env)
    expected = {suite: listed_tests({**env, "PLATFORM_SUITE": suite}) for suite in SUITES}
    # The two runs together hold every test, each once.
    assert sum(expected.values()) == everything, (expected, everything)
    assert expected["journeys"] >= 20, f"fewer Playwright tests than the journeys need: {expected}"
    # The route table's own check and one per audience, on both viewports.
    assert expected["guards"] >= 10, f"fewer Playwright tests than the screen checks need: {expected}"

    deadline = time.monotonic() + PLAYWRIGHT_TIMEOUT_S
    guards_log = tmp_path / "guards.log"
    with guards_log.open("w") as log:
        guards = subprocess.Popen(
            PLAYWRIGHT,
            cwd=FRONTEND,
            env={**env, "PLATFORM_SUITE": "guards"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            journeys = run(PLAYWRIGHT, {**env, "PLATFORM_SUITE": "journeys"}, PLAYWRIGHT_TIMEOUT_S)
        finally:
            guards_status = wait_or_stop(guards, deadline)
    outputs = {"journeys": journeys.stdout + journeys.stderr, "guards": guards_log.read_text()}
    statuses = {"journeys": journeys.returncode, "guards": guards_status}
    failed = [suite for suite in SUITES if statuses[suite] != 0]
    if failed:
        report = "\n".join(f"── {suite} (exit {statuses[suite]}) ──\n{outputs[suite][-12000:]}" for suite in failed)
        pytest.fail(f"Playwright failed:\n{report}", pytrace=False)
    # Every listed test (journeys and screen checks, each on desktop and phone) ran and passed:
    # none skipped, none flaky.
    for suite in SUITES:
        assert f"{expected[suite]} passed" in outputs[suite], f"{suite}: {outputs[suite][-4000:]}"
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
