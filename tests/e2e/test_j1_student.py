"""J1: the demo student logs in, picks a teacher, books a free slot, sees it on the dashboard,
gets a reminder and cancels under the studio policy — through nginx, against the real processes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.support.demo import DEMO_STUDENT_EMAIL, DEMO_TEACHER_EMAIL
from tests.support.platform import Platform

from .conftest import Browser, Services, demo_person, eventually

MOSCOW = ZoneInfo("Europe/Moscow")
TEACHER = demo_person(DEMO_TEACHER_EMAIL)
STUDENT = demo_person(DEMO_STUDENT_EMAIL)


def free_slots(browser: Browser, days_ahead: int = 2) -> list[dict[str, str]]:
    start = datetime.now(UTC) + timedelta(days=days_ahead)
    response = browser.get(
        "/api/booking/slots",
        params={
            "teacher_id": TEACHER,
            "from": start.isoformat(),
            "to": (start + timedelta(days=7)).isoformat(),
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 200, response.text
    return list(response.json())


class TestStudentJourney:
    def test_login_sets_an_httponly_session_and_a_readable_csrf_cookie(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        user = browser.login(DEMO_STUDENT_EMAIL)

        assert user["role"] == "student"
        assert user["id"] == STUDENT
        cookies = browser.http.cookies.jar
        session = [c for c in cookies if c.name != "studio_csrf"]
        assert session, "a session cookie is set"
        assert all(c.has_nonstandard_attr("HttpOnly") for c in session), "the session cookie is HttpOnly"
        me = browser.get("/api/me")
        assert me.status_code == 200, me.text
        assert me.json()["email"] == DEMO_STUDENT_EMAIL

    def test_unsafe_request_without_the_csrf_header_is_refused(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(DEMO_STUDENT_EMAIL)
        response = browser.http.post("/api/booking", json={}, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code == 403

    def test_picks_a_teacher_and_sees_slots_inside_her_hours(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(DEMO_STUDENT_EMAIL)

        teachers = browser.get("/api/teachers").json()
        olga = next(t for t in teachers if t["id"] == TEACHER)
        assert (olga["first_name"], olga["last_name"]) == ("Olga", "Smirnova")
        assert not {"email", "phone"} & set(olga), "students never see teachers' contacts"
        slots = free_slots(browser)
        assert slots
        for slot in slots:
            local = datetime.fromisoformat(slot["starts_at"]).astimezone(MOSCOW)
            # The demo teacher works Mon-Fri 09-21 and Sat 10-16, Moscow time.
            assert local.weekday() <= 5
            assert (9, 0) <= (local.hour, local.minute) <= ((20, 0) if local.weekday() < 5 else (15, 0))

    def test_books_replays_conflicts_sees_dashboard_and_cancels_for_free(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        browser.login(DEMO_STUDENT_EMAIL)
        before = browser.get("/api/student/dashboard").json()
        slot = free_slots(browser, days_ahead=3)[0]
        key = f"e2e-{uuid.uuid4().hex}"
        body = {"teacher_id": TEACHER, "starts_at": slot["starts_at"], "duration_minutes": 60}

        booked = browser.post("/api/booking", json=body, headers={"Idempotency-Key": key})
        replay = browser.post("/api/booking", json=body, headers={"Idempotency-Key": key})
        conflict = browser.post("/api/booking", json=body, headers={"Idempotency-Key": f"e2e-{uuid.uuid4().hex}"})

        assert booked.status_code == 201, booked.text
        lesson = booked.json()["lesson"]
        assert lesson["status"] == "scheduled"
        assert datetime.fromisoformat(lesson["starts_at"]) == datetime.fromisoformat(slot["starts_at"])
        assert replay.status_code in (200, 201), replay.text
        assert replay.json()["lesson"]["id"] == lesson["id"], "the same key replays the same lesson"
        assert conflict.status_code == 409, conflict.text
        assert conflict.json()["code"] == "slot_taken"
        assert slot not in free_slots(browser, days_ahead=3), "a booked slot is no longer offered"

        dashboard = browser.get("/api/student/dashboard").json()
        assert lesson["id"] in [row["id"] for row in dashboard["next_lessons"]]
        assert dashboard["balance"] == before["balance"], "booking alone charges nothing"
        assert dashboard["packages"][0]["lessons_left"] > 0
        assert dashboard["groups"], "the demo student is in the evening group"

        cancelled = browser.post(f"/api/lessons/{lesson['id']}/cancel", json={"reason": "e2e: plans changed"})

        assert cancelled.status_code == 200, cancelled.text
        outcome = cancelled.json()
        assert outcome["lesson"]["status"] == "cancelled"
        assert outcome["late_cancel"] is False, "three days ahead is within the free-cancellation notice"
        assert not outcome.get("charge")
        assert slot in free_slots(browser, days_ahead=3), "the freed slot is offered again"
        after = browser.get("/api/student/dashboard").json()
        assert lesson["id"] not in [row["id"] for row in after["next_lessons"]]
        assert after["balance"] == before["balance"]

    def test_gets_a_reminder_an_hour_before_a_lesson(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        """The 1 h reminder of a lesson starting in an hour and a few seconds is due at once."""
        since = datetime.now(UTC)
        lesson = services.started_group_lesson(
            demo_person("james.walker@demo.studio"), [STUDENT], starts_in=timedelta(minutes=60, seconds=5)
        )
        browser.login("admin@demo.studio")

        def reminder() -> dict[str, object] | None:
            log = browser.get("/api/admin/notifications", params={"event_type": "lesson.reminder", "size": 100})
            assert log.status_code == 200, log.text
            return next(
                (
                    row
                    for row in log.json()["items"]
                    if row["user_id"] == STUDENT and datetime.fromisoformat(row["created_at"]) >= since
                ),
                None,
            )

        row = eventually(reminder, "the student's lesson reminder in the notification log", timeout=45)
        assert row["channel"] == "email"
        assert row["address"] == DEMO_STUDENT_EMAIL
        assert lesson["student_ids"] == [STUDENT]
