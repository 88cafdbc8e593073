"""J2: the demo teacher edits her week and a vacation, sees her calendar, marks a lesson, completes
it, and the completion reaches payroll and the student's ledger through the events."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.demo import DEMO_TEACHER_EMAIL
from tests.support.platform import Platform

from .conftest import E2E_PASSWORD, Browser, Services, demo_person, eventually

MOSCOW = ZoneInfo("Europe/Moscow")
TEACHER = demo_person(DEMO_TEACHER_EMAIL)
STUDENT = demo_person("daria.sokolova@demo.studio")
WEEK = [{"weekday": day, "start_time": "09:00", "end_time": "21:00"} for day in range(5)]


def next_weekday(weekday: int, at_least_days: int) -> date:
    day = datetime.now(MOSCOW).date() + timedelta(days=at_least_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def slots_on(browser: Browser, day: date) -> list[dict[str, Any]]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=MOSCOW)
    response = browser.get(
        "/api/booking/slots",
        params={
            "teacher_id": TEACHER,
            "from": start.isoformat(),
            "to": (start + timedelta(days=1)).isoformat(),
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 200, response.text
    return list(response.json())


class TestTeacherJourney:
    def test_edits_weekly_hours_and_a_vacation_and_sees_them_in_the_calendar(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        browser.login(DEMO_TEACHER_EMAIL)
        sunday = next_weekday(6, at_least_days=2)
        vacation = next_weekday(2, at_least_days=15)

        saved = browser.put(
            "/api/teacher/availability",
            json={
                "timezone": "Europe/Moscow",
                "rules": [*WEEK, {"weekday": 6, "start_time": "11:00", "end_time": "13:00"}],
            },
        )
        off = browser.post(
            "/api/teacher/time-off",
            json={
                "starts_at": datetime.combine(vacation, datetime.min.time(), tzinfo=MOSCOW).isoformat(),
                "ends_at": datetime.combine(
                    vacation + timedelta(days=1), datetime.min.time(), tzinfo=MOSCOW
                ).isoformat(),
                "reason": "e2e: vacation",
            },
        )

        assert saved.status_code == 200, saved.text
        assert off.status_code == 201, off.text
        sunday_slots = [datetime.fromisoformat(s["starts_at"]).astimezone(MOSCOW) for s in slots_on(browser, sunday)]
        assert [(s.hour, s.minute) for s in sunday_slots] == [(11, 0), (11, 30), (12, 0)]
        assert slots_on(browser, vacation) == [], "no slot on a vacation day"
        start = datetime.combine(sunday, datetime.min.time(), tzinfo=MOSCOW)
        schedule = browser.get(
            "/api/teacher/schedule", params={"from": start.isoformat(), "to": (start + timedelta(days=21)).isoformat()}
        )
        assert schedule.status_code == 200, schedule.text
        calendar = schedule.json()
        opened = {datetime.fromisoformat(row["starts_at"]).astimezone(MOSCOW) for row in calendar["availability"]}
        assert datetime.combine(sunday, datetime.min.time().replace(hour=11), tzinfo=MOSCOW) in opened
        assert any(row.get("reason") == "e2e: vacation" for row in calendar["time_off"])
        assert any(lesson.get("group_id") for lesson in calendar["lessons"]), "the evening group's series"

    def test_marks_attendance_completes_and_sees_payroll_and_the_charge(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        # A new teacher: the demo teacher's seeded lessons may still be running right now.
        teacher_id, teacher_email = services.new_teacher(group_rate_minor=140000)
        lesson = services.started_group_lesson(teacher_id, [STUDENT], starts_in=timedelta(seconds=12))
        browser.login(teacher_email, E2E_PASSWORD)
        time.sleep(max(0.0, (datetime.fromisoformat(lesson["starts_at"]) - datetime.now(UTC)).total_seconds() + 0.5))

        opened = browser.get(f"/api/lessons/{lesson['id']}")
        marked = browser.put(
            f"/api/lessons/{lesson['id']}/attendance",
            json={
                "topic": "Conditionals",
                "homework": "Essay: if I were...",
                "attendance": [{"student_id": STUDENT, "status": "present"}],
            },
        )
        completed = browser.post(f"/api/lessons/{lesson['id']}/complete")

        assert opened.status_code == 200, opened.text
        assert [seat["student_id"] for seat in opened.json()["roster"]] == [STUDENT]
        assert marked.status_code == 200, marked.text
        assert completed.status_code == 200, completed.text
        assert completed.json()["status"] == "completed"
        month = datetime.fromisoformat(lesson["starts_at"]).astimezone(MOSCOW).strftime("%Y-%m")

        def payroll_line() -> dict[str, Any] | None:
            payroll = browser.get("/api/teacher/payroll", params={"month": month})
            assert payroll.status_code == 200, payroll.text
            return next((line for line in payroll.json()["lines"] if line["lesson_id"] == lesson["id"]), None)

        line = eventually(payroll_line, "the payroll line of the completed lesson")
        assert line["amount_minor"] == 140000, "the teacher's group rate"
        assert line["students_present"] == 1

        admin = Browser(demo_studio.base_url)
        admin.login("admin@demo.studio")

        def charge() -> dict[str, Any] | None:
            student = admin.get(f"/api/admin/students/{STUDENT}")
            assert student.status_code == 200, student.text
            entries = student.json()["ledger"]["entries"]
            return next((e for e in entries if e["lesson_id"] == lesson["id"]), None)

        entry = eventually(charge, "the student's charge for the lesson")
        admin.close()
        assert entry["kind"] == "lesson_charge"
        assert entry["amount_minor"] == -90000
