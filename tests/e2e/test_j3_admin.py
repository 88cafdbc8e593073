"""J3: the demo admin reads the dashboard, creates a teacher, a student and two groups, moves the
student between the groups, records a payment and sells a package, works a lead through the funnel
and reads the notification log."""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta
from typing import Any

from tests.support.demo import ADMIN_EMAIL
from tests.support.platform import Platform

from .conftest import Browser, eventually, invitation_token

FUNNEL = ("new", "contacted", "trial_scheduled", "won", "lost")


def group_body(name: str, teacher_id: str) -> dict[str, Any]:
    return {
        "name": name,
        "level": "A2",
        "teacher_id": teacher_id,
        "capacity": 5,
        "schedule": {
            "timezone": "Europe/London",
            "slots": [{"weekday": 1, "start_time": "17:00", "duration_minutes": 60}],
        },
        "starts_on": (date.today() + timedelta(days=7)).isoformat(),
        "price_per_lesson_minor": 70000,
        "status": "active",
    }


class TestAdminJourney:
    def test_dashboard_shows_the_demo_studio(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(ADMIN_EMAIL)

        response = browser.get("/api/admin/dashboard")

        assert response.status_code == 200, response.text
        kpis = response.json()
        assert kpis["active_students"] >= 12
        assert kpis["lessons_this_week"] is not None
        assert all(kpis["trial_funnel"].get(stage, 0) >= 1 for stage in FUNNEL), kpis["trial_funnel"]
        assert not kpis.get("degraded")

    def test_creates_people_and_groups_moves_a_student_and_takes_money(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        browser.login(ADMIN_EMAIL)
        tag = uuid.uuid4().hex[:8]
        started = time.time() - 1

        teacher_email, student_email = f"teacher-{tag}@e2e.demo.studio", f"student-{tag}@e2e.demo.studio"
        teacher = browser.post(
            "/api/admin/teachers",
            json={
                "email": teacher_email,
                "first_name": "Harriet",
                "last_name": f"Lane{tag}",
                "timezone": "Europe/London",
                "levels": ["A2", "B1"],
            },
        )
        student = browser.post(
            "/api/admin/students",
            json={"email": student_email, "first_name": "Boris", "last_name": f"Gromov{tag}", "invite": True},
        )

        assert teacher.status_code == 201, teacher.text
        assert student.status_code == 201, student.text
        teacher_id, student_id = teacher.json()["id"], student.json()["id"]
        assert invitation_token(demo_studio, teacher_email, started), "the teacher is invited by e-mail"
        listed = browser.get("/api/admin/students", params={"search": f"Gromov{tag}"}).json()
        assert [row["id"] for row in listed["items"]] == [student_id]

        first = browser.post("/api/admin/groups", json=group_body(f"Tuesday A2 {tag}", teacher_id))
        second = browser.post("/api/admin/groups", json=group_body(f"Tuesday A2 late {tag}", teacher_id))
        assert first.status_code == 201, first.text
        assert second.status_code == 201, second.text
        first_id, second_id = first.json()["id"], second.json()["id"]
        joined = browser.post(f"/api/admin/groups/{first_id}/members", json={"student_id": student_id})
        moved = browser.post(f"/api/admin/groups/{first_id}/members/{student_id}/move", json={"to_group_id": second_id})

        assert joined.status_code == 201, joined.text
        assert moved.status_code == 200, moved.text
        before = browser.get(f"/api/admin/groups/{first_id}/members").json()
        after = browser.get(f"/api/admin/groups/{second_id}/members").json()
        assert before["members"] == []
        assert [(row["student_id"], row["moved_to_group_id"]) for row in before["history"]] == [(student_id, second_id)]
        assert [row["student_id"] for row in after["members"]] == [student_id]

        key = f"e2e-pay-{tag}"
        payment = {"amount_minor": 350000, "method": "card", "comment": "e2e"}
        pay = f"/api/admin/students/{student_id}/payments"
        paid = browser.post(pay, json=payment, headers={"Idempotency-Key": key})
        again = browser.post(pay, json=payment, headers={"Idempotency-Key": key})
        sold = browser.post(
            f"/api/admin/students/{student_id}/packages",
            json={"lessons": 8, "price_minor": 300000, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
        )

        assert paid.status_code == 201, paid.text
        assert again.status_code in (200, 201), again.text
        assert again.json()["id"] == paid.json()["id"], "the replay is the same entry"
        assert sold.status_code == 201, sold.text
        detail = browser.get(f"/api/admin/students/{student_id}").json()
        payments = [entry for entry in detail["ledger"]["entries"] if entry["kind"] == "payment"]
        assert [entry["amount_minor"] for entry in payments] == [350000], "recorded once"
        assert detail["ledger"]["balance"]["amount_minor"] == 350000 - 300000
        assert [(p["lessons_total"], p["lessons_left"]) for p in detail["packages"]] == [(8, 8)]

        def payment_notice() -> dict[str, Any] | None:
            log = browser.get("/api/admin/notifications", params={"event_type": "payment.recorded", "size": 100})
            assert log.status_code == 200, log.text
            return next((row for row in log.json()["items"] if row["user_id"] == student_id), None)

        notice = eventually(payment_notice, "the payment e-mail in the notification log")
        assert notice["address"] == student_email
        assert notice["channel"] == "email"

    def test_works_a_lead_through_the_funnel(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(ADMIN_EMAIL)
        leads = browser.get("/api/admin/leads", params={"status": "new"}).json()["items"]
        lead = next(row for row in leads if row["name"] == "Kirill Belov")

        steps = [
            browser.patch(f"/api/admin/leads/{lead['id']}", json={"status": status})
            for status in ("contacted", "trial_scheduled", "won")
        ]

        assert [step.status_code for step in steps] == [200, 200, 200], [step.text for step in steps]
        assert steps[-1].json()["status"] == "won"
        won = browser.get("/api/admin/leads", params={"status": "won"}).json()["items"]
        assert lead["id"] in [row["id"] for row in won]
        profile = browser.get(f"/api/admin/students/{lead['student_id']}").json()
        assert profile["status"] == "active", "a won lead's profile becomes an active student"
