"""The teacher's screens and the lesson journal (API.md "Teacher") against the real services."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..platform import Browser


async def book(student: Browser, teacher_id: str, days: int = 2) -> dict[str, Any]:
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)
    slots = (
        await student.get(
            "/api/booking/slots",
            params={"teacher_id": teacher_id, "from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()},
        )
    ).json()
    booked = await student.post(
        "/api/booking",
        json={"teacher_id": teacher_id, "starts_at": slots[0]["starts_at"]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.text
    lesson: dict[str, Any] = booked.json()["lesson"]
    return lesson


class TestSchedule:
    async def test_availability_schedule_and_time_off(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher, profile = await create_teacher()
        student, _ = await register_student(first_name="Sasha")
        lesson = await book(student, profile["id"])

        rules = [
            {"weekday": 0, "start_time": "09:00", "end_time": "13:00"},
            {"weekday": 0, "start_time": "15:00", "end_time": "19:00"},
        ]
        replaced = await teacher.put("/api/teacher/availability", json={"timezone": "Europe/Moscow", "rules": rules})
        assert replaced.status_code == 200, replaced.text
        assert replaced.json()["timezone"] == "Europe/Moscow"
        assert [(rule["weekday"], rule["start_time"][:5]) for rule in replaced.json()["rules"]] == [
            (0, "09:00"),
            (0, "15:00"),
        ]
        assert (await teacher.get("/api/teacher/availability")).json()["rules"] == replaced.json()["rules"]

        starts = datetime.now(UTC) + timedelta(days=20)
        time_off = await teacher.post(
            "/api/teacher/time-off",
            json={
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(days=3)).isoformat(),
                "reason": "Rest",
            },
        )
        assert time_off.status_code == 201, time_off.text
        assert time_off.json()["time_off"]["reason"] == "Rest"
        assert time_off.json()["clashes"] == []

        now = datetime.now(UTC)
        schedule = await teacher.get(
            "/api/teacher/schedule", params={"from": now.isoformat(), "to": (now + timedelta(days=30)).isoformat()}
        )
        assert schedule.status_code == 200, schedule.text
        body = schedule.json()
        assert body["timezone"] == "Europe/Moscow"
        assert [item["id"] for item in body["lessons"]] == [lesson["id"]]
        assert [(who["first_name"], who["last_name"]) for who in body["lessons"][0]["students"]] == [
            ("Sasha", "Student")
        ]
        assert [item["id"] for item in body["time_off"]] == [time_off.json()["time_off"]["id"]]
        assert body["availability"]  # Mondays 09-13 and 15-19 Moscow time
        assert body["degraded"] == []

    async def test_bad_rules_come_back_as_calendarys_problem(self, create_teacher: Callable[..., Any]) -> None:
        teacher, _ = await create_teacher()
        overlapping = [
            {"weekday": 1, "start_time": "09:00", "end_time": "12:00"},
            {"weekday": 1, "start_time": "11:00", "end_time": "14:00"},
        ]
        response = await teacher.put("/api/teacher/availability", json={"timezone": "UTC", "rules": overlapping})
        assert response.status_code == 422
        assert response.json()["code"] == "overlapping_rules"


class TestDashboard:
    async def test_the_next_seven_days_are_listed_with_the_students_names(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher, profile = await create_teacher()
        student, _ = await register_student(first_name="Dasha")
        soon = await book(student, profile["id"], days=3)
        later = await book(student, profile["id"], days=12)
        cancelled = await book(student, profile["id"], days=4)
        assert (await student.post(f"/api/lessons/{cancelled['id']}/cancel", json={})).status_code == 200

        dashboard = (await teacher.get("/api/teacher/dashboard")).json()

        assert [item["id"] for item in dashboard["upcoming"]] == [soon["id"]]
        assert later["id"] not in [item["id"] for item in dashboard["today"]]
        assert dashboard["upcoming"][0]["students"][0]["first_name"] == "Dasha"
        assert dashboard["upcoming"][0]["group_name"] is None


class TestJournal:
    async def test_dashboard_lesson_attendance_and_completion(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        teacher, profile = await create_teacher()
        student, user = await register_student(first_name="Masha")
        lesson = await book(student, profile["id"], days=1)

        dashboard = (await teacher.get("/api/teacher/dashboard")).json()
        assert set(dashboard) == {"today", "upcoming", "week_stats", "groups", "degraded"}
        assert (
            dashboard["week_stats"]["lessons"]
            == dashboard["week_stats"]["scheduled"]
            + dashboard["week_stats"]["completed"]
            + dashboard["week_stats"]["cancelled"]
        )
        assert dashboard["groups"] == []

        detail = await teacher.get(f"/api/lessons/{lesson['id']}")
        assert detail.status_code == 200, detail.text
        assert detail.json()["roster"] == [
            {
                "student_id": user["id"],
                "attendance": None,
                "price_minor": detail.json()["roster"][0]["price_minor"],
                "first_name": "Masha",
                "last_name": "Student",
            }
        ]

        marked = await teacher.put(
            f"/api/lessons/{lesson['id']}/attendance",
            json={
                "topic": "Present perfect",
                "homework": "Ex. 4 p. 12",
                "attendance": [{"student_id": user["id"], "status": "present"}],
            },
        )
        assert marked.status_code == 200, marked.text
        assert marked.json()["topic"] == "Present perfect"
        assert marked.json()["roster"][0]["attendance"] == "present"

        seen_by_student = (await student.get(f"/api/lessons/{lesson['id']}")).json()
        assert seen_by_student["homework"] == "Ex. 4 p. 12"

        early = await teacher.post(f"/api/lessons/{lesson['id']}/complete")
        assert early.status_code == 409
        assert early.json()["code"] == "lesson_not_started"

    async def test_another_teachers_lesson_is_not_visible(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, profile = await create_teacher()
        other_teacher, _ = await create_teacher()
        student, user = await register_student()
        lesson = await book(student, profile["id"], days=5)
        response = await other_teacher.put(
            f"/api/lessons/{lesson['id']}/attendance",
            json={"attendance": [{"student_id": user["id"], "status": "absent"}]},
        )
        assert response.status_code in (403, 404)
        assert (await student.get(f"/api/lessons/{lesson['id']}")).json()["roster"][0]["attendance"] is None

    async def test_a_student_cannot_mark_attendance(
        self, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, profile = await create_teacher()
        student, user = await register_student()
        lesson = await book(student, profile["id"], days=6)
        response = await student.put(
            f"/api/lessons/{lesson['id']}/attendance",
            json={"attendance": [{"student_id": user["id"], "status": "present"}]},
        )
        assert response.status_code == 403


class TestPayroll:
    async def test_month_payroll_and_bad_month(self, create_teacher: Callable[..., Any]) -> None:
        teacher, _ = await create_teacher()
        month = datetime.now(UTC).strftime("%Y-%m")
        payroll = await teacher.get("/api/teacher/payroll", params={"month": month})
        assert payroll.status_code == 200, payroll.text
        assert payroll.json() == {"month": month, "lines": [], "total": {"amount_minor": 0, "currency": "RUB"}}
        bad = await teacher.get("/api/teacher/payroll", params={"month": "2026-13"})
        assert bad.status_code == 422
