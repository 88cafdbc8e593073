"""The admin's screens (API.md "Admin") against the real services."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from studio_kit.messaging import Event

from ..platform import PASSWORD, Browser, Platform, unique_email


async def make_group(admin: Browser, teacher_id: str, capacity: int = 2, name: str = "B1 evening") -> dict[str, Any]:
    response = await admin.post(
        "/api/admin/groups",
        json={
            "name": name,
            "level": "B1",
            "teacher_id": teacher_id,
            "capacity": capacity,
            "schedule": {
                "timezone": "Europe/Moscow",
                "slots": [{"weekday": 1, "start_time": "19:00", "duration_minutes": 90}],
            },
            "starts_on": (date.today() + timedelta(days=7)).isoformat(),
            "price_per_lesson_minor": 90000,
        },
    )
    assert response.status_code == 201, response.text
    group: dict[str, Any] = response.json()
    return group


class TestDashboard:
    async def test_kpis_from_every_service(self, admin: Browser, register_student: Callable[..., Any]) -> None:
        await register_student()
        response = await admin.get("/api/admin/dashboard")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["active_students"] >= 1
        assert body["lessons_this_week"] >= 0
        assert len(body["revenue_by_month"]) == 6
        assert body["revenue_by_month"][-1]["month"] == datetime.now(UTC).strftime("%Y-%m")
        assert set(body["trial_funnel"]) == {
            "new",
            "contacted",
            "trial_scheduled",
            "trial_done",
            "follow_up",
            "won",
            "lost",
        }
        assert body["degraded"] == []

    async def test_the_funnel_counts_every_lead_status(self, admin: Browser) -> None:
        before = (await admin.get("/api/admin/dashboard")).json()["trial_funnel"]
        for _ in range(2):
            created = await admin.post(
                "/api/admin/leads",
                json={"first_name": "Funnel", "phone": f"+7916{uuid.uuid4().int % 10**7:07d}", "source": "phone"},
            )
            assert created.status_code == 201, created.text

        after = (await admin.get("/api/admin/dashboard")).json()["trial_funnel"]

        assert after == {**before, "new": before["new"] + 2}

    async def test_a_down_service_nulls_only_its_kpis(self, admin: Browser, platform: Platform) -> None:
        async with platform.stopped("students"):
            body = (await admin.get("/api/admin/dashboard")).json()
        assert body["degraded"] == ["students"]
        assert body["active_students"] is None
        assert body["trial_funnel"] == {}
        assert body["lessons_this_week"] is not None

    async def test_only_admins(self, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()
        response = await student.get("/api/admin/dashboard")
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"


class TestStudents:
    async def test_create_search_read_update_pay_and_sell(self, admin: Browser) -> None:
        surname = f"Ivanov{uuid.uuid4().hex[:6]}"
        created = await admin.post(
            "/api/admin/students",
            json={"first_name": "Ivan", "last_name": surname, "phone": "+79031234567", "level": "A2"},
        )
        assert created.status_code == 201, created.text
        student = created.json()
        assert student["user_id"] is None  # no account without an invitation
        assert student["status"] == "active"

        found = (await admin.get("/api/admin/students", params={"search": surname})).json()
        assert found["total"] == 1
        assert found["items"][0]["id"] == student["id"]
        assert found["items"][0]["balance"] == {"amount_minor": 0, "currency": "RUB"}

        updated = await admin.patch(f"/api/admin/students/{student['id']}", json={"level": "B1"})
        assert updated.status_code == 200
        assert updated.json()["level"] == "B1"

        key = uuid.uuid4().hex
        payment = {"amount_minor": 500000, "method": "card", "comment": "October"}
        paid = await admin.post(
            f"/api/admin/students/{student['id']}/payments", json=payment, headers={"Idempotency-Key": key}
        )
        assert paid.status_code == 201, paid.text
        again = await admin.post(
            f"/api/admin/students/{student['id']}/payments", json=payment, headers={"Idempotency-Key": key}
        )
        assert again.json()["id"] == paid.json()["id"]
        assert again.headers["Idempotent-Replayed"] == "true"

        sold = await admin.post(
            f"/api/admin/students/{student['id']}/packages",
            json={"lessons": 8, "price_minor": 0, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
        )
        assert sold.status_code == 201, sold.text
        assert sold.json()["lessons_left"] == 8

        detail = (await admin.get(f"/api/admin/students/{student['id']}")).json()
        assert detail["level"] == "B1"
        assert detail["balance"] == {"amount_minor": 500000, "currency": "RUB"}  # paid once, not twice
        assert [entry["kind"] for entry in detail["ledger"]["entries"]].count("payment") == 1
        assert [package["id"] for package in detail["packages"]] == [sold.json()["id"]]
        assert detail["groups"] == []
        assert detail["lessons"] == []
        assert detail["degraded"] == []

    async def test_invited_student_gets_an_account_under_the_profile_id(
        self, admin: Browser, platform: Platform, new_browser: Callable[[], Browser]
    ) -> None:
        email = unique_email("invited")
        created = await admin.post(
            "/api/admin/students", json={"email": email, "first_name": "Olga", "last_name": "Invited", "invite": True}
        )
        assert created.status_code == 201, created.text
        student = created.json()
        assert student["user_id"] == student["id"]
        browser = new_browser()
        accepted = await browser.post(
            "/api/auth/invitations/accept", json={"token": await platform.invitation_token(email), "password": PASSWORD}
        )
        assert accepted.status_code == 200, accepted.text
        me = (await browser.get("/api/me")).json()
        assert me["id"] == student["id"]
        assert me["profile"]["last_name"] == "Invited"

    async def test_invitation_without_email_is_refused(self, admin: Browser) -> None:
        response = await admin.post("/api/admin/students", json={"first_name": "No", "invite": True})
        assert response.status_code == 422
        assert response.json()["code"] == "invite_needs_email"


class TestTeachers:
    async def test_list_with_contacts(self, admin: Browser, create_teacher: Callable[..., Any]) -> None:
        _, teacher = await create_teacher()
        page = (await admin.get("/api/admin/teachers", params={"search": teacher["email"]})).json()
        assert page["total"] == 1
        assert page["items"][0]["email"] == teacher["email"]
        assert page["items"][0]["status"] == "active"

    async def test_an_email_already_used_is_409(self, admin: Browser, create_teacher: Callable[..., Any]) -> None:
        _, teacher = await create_teacher()
        response = await admin.post(
            "/api/admin/teachers", json={"email": teacher["email"], "first_name": "Dup", "last_name": "Licate"}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "email_taken"


class TestGroups:
    async def test_create_fill_and_move_with_history(
        self, admin: Browser, create_teacher: Callable[..., Any], register_student: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher()
        first = await make_group(admin, teacher["id"], capacity=1, name="B1 mornings")
        second = await make_group(admin, teacher["id"], capacity=2, name="B1 evenings")
        listed = (await admin.get("/api/admin/groups", params={"teacher_id": teacher["id"]})).json()
        assert {group["id"] for group in listed["items"]} == {first["id"], second["id"]}

        student, anna = await register_student()
        _, boris = await register_student()
        joined = await admin.post(f"/api/admin/groups/{first['id']}/members", json={"student_id": anna["id"]})
        assert joined.status_code == 201, joined.text
        full = await admin.post(f"/api/admin/groups/{first['id']}/members", json={"student_id": boris["id"]})
        assert full.status_code == 409
        assert full.json()["code"] == "group_full"

        moved = await admin.post(
            f"/api/admin/groups/{first['id']}/members/{anna['id']}/move", json={"to_group_id": second["id"]}
        )
        assert moved.status_code == 200, moved.text
        assert moved.json()["left"]["moved_to_group_id"] == second["id"]
        members = (await admin.get(f"/api/admin/groups/{first['id']}/members")).json()
        assert members["members"] == []
        assert [stay["student_id"] for stay in members["history"]] == [anna["id"]]
        dashboard = (await student.get("/api/student/dashboard")).json()
        assert [group["id"] for group in dashboard["groups"]] == [second["id"]]


class TestLeadsAndNotifications:
    async def test_lists_come_as_pages(self, admin: Browser) -> None:
        leads = await admin.get("/api/admin/leads", params={"status": "new"})
        assert leads.status_code == 200, leads.text
        assert set(leads.json()) == {"items", "total", "page", "size"}
        log = await admin.get("/api/admin/notifications", params={"channel": "email", "size": 5})
        assert log.status_code == 200, log.text
        assert log.json()["size"] == 5

    async def test_a_trial_request_from_the_bot_moves_through_the_funnel(self, admin: Browser, bff: Any) -> None:
        """tg-bot publishes trial.requested; students-service makes it a lead; the admin works it."""
        phone = f"+7916{uuid.uuid4().int % 10_000_000:07d}"
        request_id = str(uuid.uuid4())
        await bff.state.broker.publish(
            Event(
                type="trial.requested",
                source="tg-bot-service",
                data={
                    "request_id": request_id,
                    "name": "Vera Prospect",
                    "phone": phone,
                    "is_child": False,
                    "level": "A2",
                    "goal": "travel",
                    "preferred_slot": None,
                    "time_of_day": "evening",
                    "language": "ru",
                    "telegram_user_id": 1,
                    "telegram_chat_id": 1,
                },
            )
        )
        lead = None
        for _ in range(100):
            page = (await admin.get("/api/admin/leads", params={"status": "new", "size": 100})).json()
            lead = next((item for item in page["items"] if item["phone"] == phone), None)
            if lead:
                break
            await asyncio.sleep(0.1)
        assert lead is not None
        assert lead["name"] == "Vera Prospect"
        moved = await admin.patch(f"/api/admin/leads/{lead['id']}", json={"status": "contacted", "note": "called"})
        assert moved.status_code == 200, moved.text
        assert moved.json()["status"] == "contacted"
        contacted = (await admin.get("/api/admin/leads", params={"status": "contacted", "size": 100})).json()
        assert lead["id"] in {item["id"] for item in contacted["items"]}

    async def test_unknown_lead_is_404(self, admin: Browser) -> None:
        response = await admin.patch(f"/api/admin/leads/{uuid.uuid4()}", json={"status": "contacted"})
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


class TestBroadcasts:
    async def test_news_to_all_students_is_queued_at_notifications(self, admin: Browser) -> None:
        response = await admin.post(
            "/api/admin/broadcasts",
            json={"audience": "all_students", "subject": "Studio closed on Friday", "body": "See you on Monday."},
        )
        assert response.status_code == 202, response.text
        broadcast = response.json()
        assert broadcast["audience"] == "all_students"
        assert broadcast["status"] in ("queued", "sent")
        again = await admin.get(f"/api/admin/broadcasts/{broadcast['id']}")
        assert again.status_code == 200
        assert again.json()["subject"] == "Studio closed on Friday"

    async def test_group_audience_needs_a_group(self, admin: Browser) -> None:
        response = await admin.post(
            "/api/admin/broadcasts", json={"audience": "group", "subject": "Hi", "body": "Text"}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"

    async def test_only_admins(self, register_student: Callable[..., Any]) -> None:
        student, _ = await register_student()
        response = await student.post(
            "/api/admin/broadcasts", json={"audience": "all_students", "subject": "Hi", "body": "Text"}
        )
        assert response.status_code == 403
