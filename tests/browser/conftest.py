"""Arrangements for the browser journeys that the public API cannot make: per viewport, a fresh
teacher (invited and accepted, with a group rate) and a group lesson of theirs that has already
started, so J2 can mark and complete a real lesson on every run. Everything else the journeys
create themselves through the web app."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.demo import ADMIN_EMAIL, DEMO_PASSWORD, SEED
from tests.support.platform import Platform

# The Playwright projects of frontend-service/playwright.platform.config.ts.
VIEWPORTS = ("desktop", "phone")
TEACHER_PASSWORD = "browser-journey-2026"
GROUP_RATE_MINOR = 150_000
ZONE = ZoneInfo("Europe/Moscow")
WAIT_S = 30.0


class Arranger:
    """The admin straight at the domain services (loopback ports), for arrangements only."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.http = httpx.Client(timeout=30)
        login = self.http.post(
            platform.service_url("auth") + "/auth/login", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD}
        )
        assert login.status_code == 200, login.text
        self.http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"

    def call(self, method: str, service: str, path: str, expect: int, **kwargs: Any) -> Any:
        response = self.http.request(method, self.platform.service_url(service) + path, **kwargs)
        assert response.status_code == expect, f"{method} {service}{path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def invitation_token(self, email: str, since: float) -> str:
        deadline = time.monotonic() + WAIT_S
        while (token := SEED.invitation_token(self.platform.mail_dir, email, since)) is None:
            assert time.monotonic() < deadline, f"no invitation e-mail for {email}"
            time.sleep(0.3)
        return str(token)

    def new_teacher(
        self, viewport: str, first: str = "Grace", last: str = "Hopper", journey: str = "j2"
    ) -> dict[str, str]:
        email = f"{journey}-{viewport}-{uuid.uuid4().hex[:8]}@browser.demo.studio"
        last = f"{last} {viewport.title()}"
        since = time.time() - 1
        user = self.call(
            "POST",
            "auth",
            "/internal/users",
            201,
            json={"email": email, "role": "teacher", "first_name": first, "last_name": last, "invite": True},
        )
        self.call(
            "POST",
            "teachers",
            "/teachers",
            201,
            json={
                "id": user["id"],
                "first_name": first,
                "last_name": last,
                "email": email,
                "levels": ["B1"],
                "timezone": "Europe/Moscow",
            },
        )
        self.call(
            "POST",
            "teachers",
            f"/teachers/{user['id']}/rates",
            201,
            json={"kind": "group", "amount_minor": GROUP_RATE_MINOR, "effective_from": "2026-01-01"},
        )
        token = self.invitation_token(email, since)
        self.call("POST", "auth", "/auth/invitations/accept", 200, json={"token": token, "password": TEACHER_PASSWORD})
        return {"id": user["id"], "email": email, "name": f"{first} {last}"}

    def new_student(self, viewport: str, first: str = "Ada", last: str = "Lovelace") -> str:
        """A fresh student per lesson: a student cannot sit in two lessons at once, and other suites
        place started lessons for the seeded students too."""
        student = self.call(
            "POST",
            "students",
            "/students",
            201,
            json={"first_name": first, "last_name": f"{last} {viewport.title()}", "status": "active"},
        )
        return str(student["id"])

    def open_hours(self, teacher_id: str) -> None:
        """The front-desk journey's teacher works 08:00-21:00 Moscow time every day."""
        rules = [{"weekday": day, "start_time": "08:00", "end_time": "21:00"} for day in range(7)]
        self.call(
            "PUT",
            "calendary",
            f"/teachers/{teacher_id}/availability",
            200,
            json={"timezone": "Europe/Moscow", "rules": rules},
        )

    def new_room(self, name: str) -> dict[str, Any]:
        return dict(self.call("POST", "calendary", "/rooms", 201, json={"name": name, "capacity": 8}))

    def started_group_lesson(
        self,
        teacher_id: str,
        student_id: str,
        starts: datetime,
        *,
        minutes: int = 15,
        room_id: str | None = None,
        name: str | None = None,
    ) -> dict[str, Any]:
        """Bookings refuse the past and respect the notice, so a one-off group gets a slot at
        `starts` and lessons-service generates that single lesson (it may lie ahead too)."""
        local = starts.astimezone(ZONE)
        day = local.date().isoformat()
        group = self.call(
            "POST",
            "groups",
            "/groups",
            201,
            json={
                "name": name or f"Browser {uuid.uuid4().hex[:6]}",
                "level": "B1",
                "teacher_id": teacher_id,
                "room_id": room_id,
                "capacity": 4,
                "schedule": {
                    "timezone": "Europe/Moscow",
                    "slots": [
                        {
                            "weekday": local.weekday(),
                            "start_time": local.strftime("%H:%M:%S"),
                            "duration_minutes": minutes,
                        }
                    ],
                },
                "starts_on": day,
                "ends_on": day,
                "price_per_lesson_minor": 90_000,
                "status": "active",
            },
        )
        self.call("POST", "groups", f"/groups/{group['id']}/members", 201, json={"student_id": student_id})
        generated = self.call(
            "POST", "lessons", f"/groups/{group['id']}/lessons/generate", 200, json={"from": day, "to": day}
        )
        assert len(generated["created"]) == 1, f"the one-off lesson was not placed: {generated}"
        return dict(generated["created"][0])

    def close(self) -> None:
        self.http.close()


@pytest.fixture(scope="session")
def journey_plan(studio: Platform, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON file the Playwright specs read (BROWSER_PLAN): per viewport, J2's teacher and lesson,
    and the front desk's teacher (open 08:00-21:00 Moscow time), two students to book and a group
    of that teacher's meeting in a room (the calendar's filters)."""
    arranger = Arranger(studio)
    try:
        starts = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=8)
        plan: dict[str, Any] = {}
        for viewport in VIEWPORTS:
            teacher = arranger.new_teacher(viewport)
            student_id = arranger.new_student(viewport)
            lesson = arranger.started_group_lesson(teacher["id"], student_id, starts)
            stamp = uuid.uuid4().hex[:4]
            desk_teacher = arranger.new_teacher(viewport, "Maria", f"Montessori {stamp}", journey="j5")
            arranger.open_hours(desk_teacher["id"])
            arranger.new_student(viewport, "Lev", f"Landau {stamp}")
            arranger.new_student(viewport, "Emmy", f"Noether {stamp}")
            # The calendar's room and group filters: a group of the desk teacher meeting in a room
            # at 17:00 Moscow time on the day J5 books (three days ahead).
            room = arranger.new_room(f"Room {stamp} {viewport.title()}")
            group_name = f"Calendar {stamp} {viewport.title()}"
            evening = datetime.now(ZONE).replace(hour=17, minute=0, second=0, microsecond=0) + timedelta(days=3)
            group_lesson = arranger.started_group_lesson(
                desk_teacher["id"],
                arranger.new_student(viewport, "Paul", f"Dirac {stamp}"),
                evening,
                minutes=60,
                room_id=room["id"],
                name=group_name,
            )
            plan[viewport] = {
                "frontdesk": {
                    "teacher": desk_teacher,
                    "students": [f"Landau {stamp} {viewport.title()}", f"Noether {stamp} {viewport.title()}"],
                    "room": {"id": room["id"], "name": room["name"]},
                    "group": {"id": group_lesson["group_id"], "name": group_name, "lesson_id": group_lesson["id"]},
                },
                "teacher": {**teacher, "password": TEACHER_PASSWORD},
                "lesson_id": lesson["id"],
                "student_name": f"Ada Lovelace {viewport.title()}",
                "lesson_starts_at": lesson["starts_at"],
                "group_rate_minor": GROUP_RATE_MINOR,
            }
    finally:
        arranger.close()
    # Completing needs a lesson that has started.
    time.sleep(max(0.0, (starts - datetime.now(UTC)).total_seconds() + 1))
    path = tmp_path_factory.mktemp("browser") / "plan.json"
    path.write_text(json.dumps(plan, indent=2))
    return path
