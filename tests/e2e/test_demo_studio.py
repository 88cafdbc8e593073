"""The demo studio `make up` seeds: what a visitor finds after logging in as the demo admin, and a
second run of the seed that creates nothing. Runs before the journeys, which change demo data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.demo import ADMIN_EMAIL, DEMO_STUDENT_EMAIL, DEMO_TEACHER_EMAIL
from tests.support.fakes import MailCatcher
from tests.support.platform import REPO, Platform

from .conftest import Browser, Services, demo_person

NOW = datetime.now(UTC)
RANGE = ((NOW - timedelta(days=30)).isoformat(), (NOW + timedelta(days=60)).isoformat())


class TestDemoStudio:
    def test_has_teachers_in_three_time_zones_with_hours_and_rates(
        self, demo_studio: Platform, services: Services
    ) -> None:
        teachers = services.call("GET", "teachers", "/admin/teachers", params={"size": 100}).json()["items"]
        demo = [t for t in teachers if t["email"].endswith("@demo.studio")]

        assert sorted(t["timezone"] for t in demo) == ["Asia/Yekaterinburg", "Europe/London", "Europe/Moscow"]
        for teacher in demo:
            hours = services.call("GET", "calendary", f"/teachers/{teacher['id']}/availability").json()
            rates = services.call("GET", "teachers", f"/teachers/{teacher['id']}/rates").json()
            assert hours["timezone"] == teacher["timezone"]
            assert hours["rules"], f"{teacher['email']} has weekly hours"
            assert {rate["kind"] for rate in rates} == {"individual", "group", "trial"}

    def test_has_twelve_students_with_packages_payments_and_one_debt(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        browser.login(ADMIN_EMAIL)
        students = browser.get("/api/admin/students", params={"search": "@demo.studio", "size": 100}).json()["items"]

        assert len(students) == 12
        balances = {s["email"]: s["balance"]["amount_minor"] for s in students}
        assert [email for email, amount in balances.items() if amount < 0] == ["elena.novikova@demo.studio"]
        student = browser.get(f"/api/admin/students/{demo_person(DEMO_STUDENT_EMAIL)}").json()
        assert student["packages"][0]["lessons_used"] == 1, "the completed group lesson used a package lesson"
        assert any(entry["kind"] == "payment" for entry in student["ledger"]["entries"])

    def test_has_groups_with_a_move_completed_lessons_and_upcoming_ones(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        browser.login(ADMIN_EMAIL)
        groups = {g["name"]: g for g in browser.get("/api/admin/groups", params={"size": 100}).json()["items"]}
        evening, weekend = groups["Evening B1"], groups["Weekend A2"]
        moved = demo_person("sergey.fedorov@demo.studio")

        left = browser.get(f"/api/admin/groups/{evening['id']}/members").json()
        joined = browser.get(f"/api/admin/groups/{weekend['id']}/members").json()
        assert len(left["members"]) == 3
        assert [row["moved_to_group_id"] for row in left["history"] if row["student_id"] == moved] == [weekend["id"]]
        assert moved in [row["student_id"] for row in joined["members"]]
        for group in (evening, weekend):
            lessons = services.call(
                "GET",
                "lessons",
                "/lessons",
                params={"group_id": group["id"], "from": RANGE[0], "to": RANGE[1], "size": 100},
            ).json()["items"]
            by_status = Counter(lesson["status"] for lesson in lessons)
            assert by_status["completed"] == 1, group["name"]
            assert by_status["scheduled"] >= 4, group["name"]
        teacher = demo_person(DEMO_TEACHER_EMAIL)
        upcoming = services.call(
            "GET",
            "lessons",
            "/lessons",
            params={"teacher_id": teacher, "status": "scheduled", "from": RANGE[0], "to": RANGE[1], "size": 100},
        ).json()["items"]
        assert any(lesson["kind"] == "individual" for lesson in upcoming)

    def test_has_a_lead_at_each_funnel_stage(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(ADMIN_EMAIL)
        leads = browser.get("/api/admin/leads", params={"size": 100}).json()["items"]

        stages = Counter(lead["status"] for lead in leads if lead["phone"].startswith("+7916123000"))
        assert stages == Counter(["new", "contacted", "trial_scheduled", "won", "lost"])

    def test_a_second_seed_run_creates_nothing(self, demo_studio: Platform) -> None:
        env = {
            **os.environ,
            "STUDIO_LOCAL_DIR": str(demo_studio.local_dir),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
        run = subprocess.run(
            [REPO / "scripts" / "seed-demo.sh"], env=env, capture_output=True, text=True, timeout=120, check=False
        )

        assert run.returncode == 0, run.stderr
        assert "(nothing new)" in run.stdout, run.stdout
        assert "admin@demo.studio, teacher@demo.studio, student@demo.studio" in run.stdout


def test_mail_leaves_over_smtp(studio: Platform, mail_catcher: tuple[int, MailCatcher]) -> None:
    """notifications-service talks real SMTP to the catcher (no file shortcut in this run)."""
    env = studio.service_env("notifications")
    assert env["SMTP_HOST"] == "127.0.0.1"
    assert env["EMAIL_FILE_DIR"] == ""
    _, catcher = mail_catcher
    assert catcher.received >= 1, "the demo seed's invitations should have crossed SMTP"
