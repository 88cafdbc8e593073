"""The trial funnel at the front desk through the BFF, against the real services."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from studio_kit.messaging import Event

from ..platform import PASSWORD, Browser, Platform, service_token, unique_email


def at(days: int, hour: int) -> str:
    day = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return (day + timedelta(hours=hour)).isoformat()


def phone() -> str:
    return f"+7916{uuid.uuid4().int % 10_000_000:07d}"


class TestLeadAtTheDesk:
    async def test_admin_converts_a_lead_and_books_its_trial_in_one_step(
        self,
        admin: Browser,
        create_teacher: Callable[..., Any],
        new_browser: Callable[[], Browser],
        platform: Platform,
    ) -> None:
        _, teacher = await create_teacher()
        email = unique_email("lead")
        created = await admin.post(
            "/api/admin/leads",
            json={"first_name": "Lida", "last_name": "Desk", "phone": phone(), "email": email, "source": "walk_in"},
        )
        assert created.status_code == 201, created.text
        lead = created.json()
        assert (lead["status"], lead["source"], lead["email"]) == ("new", "walk_in", email)

        trial = {"teacher_id": teacher["id"], "starts_at": at(3, 11), "duration_minutes": 30}
        converted = await admin.post(f"/api/admin/leads/{lead['id']}/convert", json={"trial": trial})

        assert converted.status_code == 201, converted.text
        body = converted.json()
        assert (body["student"]["first_name"], body["student"]["last_name"]) == ("Lida", "Desk")
        assert body["student"]["email"] == email
        assert body["invited"] is True
        assert (body["lesson"]["kind"], body["lesson"]["student_ids"]) == ("trial", [body["student"]["id"]])
        leads = (await admin.get("/api/admin/leads", params={"status": "trial_scheduled"})).json()["items"]
        [moved] = [item for item in leads if item["id"] == lead["id"]]
        assert (moved["student_id"], moved["trial_lesson_id"]) == (body["student"]["id"], body["lesson"]["id"])

        # the invited student sets a password and sees the trial
        student = new_browser()
        accepted = await student.post(
            "/api/auth/invitations/accept",
            json={"token": await platform.invitation_token(email), "password": PASSWORD},
        )
        assert accepted.status_code == 200, accepted.text
        assert [lesson["id"] for lesson in (await student.get("/api/student/lessons")).json()] == [body["lesson"]["id"]]

        again = await admin.post(f"/api/admin/leads/{lead['id']}/convert", json={"trial": trial})
        assert (again.status_code, again.json()["code"]) == (409, "lead_already_converted")

        weeks = (await admin.get("/api/admin/leads/conversion", params={"period": "week", "periods": 4})).json()
        assert len(weeks) == 4
        assert weeks[-1]["requests"] >= 1
        assert weeks[-1]["trials"] >= 1

    async def test_taken_trial_slot_is_409_and_nobody_is_invited(
        self,
        admin: Browser,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        platform: Platform,
    ) -> None:
        _, teacher = await create_teacher()
        _, other = await register_student()
        taken = await admin.post(
            "/api/admin/lessons",
            json={
                "student_id": other["id"],
                "teacher_id": teacher["id"],
                "starts_at": at(4, 9),
                "duration_minutes": 60,
            },
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert taken.status_code == 201, taken.text
        email = unique_email("lead")
        lead = (
            await admin.post("/api/admin/leads", json={"first_name": "Late", "email": email, "source": "website"})
        ).json()

        refused = await admin.post(
            f"/api/admin/leads/{lead['id']}/convert",
            json={"trial": {"teacher_id": teacher["id"], "starts_at": at(4, 9), "duration_minutes": 60}},
        )

        assert (refused.status_code, refused.json()["code"]) == (409, "slot_taken")
        leads = (await admin.get("/api/admin/leads", params={"status": "new"})).json()["items"]
        [still] = [item for item in leads if item["id"] == lead["id"]]
        assert still["converted_at"] is None
        assert email not in [event["data"]["email"] for event in await platform.outbox("user.invited")]
        # a free time works on the retry, with the profile made the first time
        retried = await admin.post(
            f"/api/admin/leads/{lead['id']}/convert",
            json={"trial": {"teacher_id": teacher["id"], "starts_at": at(4, 12), "duration_minutes": 60}},
        )
        assert retried.status_code == 201, retried.text
        assert retried.json()["student"]["id"] == still["student_id"]

    async def test_bad_lead_is_refused_and_only_admins_take_leads(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        student, _ = await register_student()
        no_contact = await admin.post("/api/admin/leads", json={"first_name": "Nobody", "source": "phone"})
        as_student = await student.post(
            "/api/admin/leads", json={"first_name": "X", "phone": phone(), "source": "phone"}
        )
        assert no_contact.status_code == 422
        assert no_contact.headers["content-type"] == "application/problem+json"
        assert as_student.status_code == 403


class TestBotHeldTrialSlot:
    async def test_the_slot_the_bot_held_is_the_trial_the_desk_books(
        self,
        admin: Browser,
        bff: Any,
        create_teacher: Callable[..., Any],
        register_student: Callable[..., Any],
        platform: Platform,
    ) -> None:
        _, teacher = await create_teacher()
        _, someone = await register_student()
        starts_at, request_id = at(5, 10), str(uuid.uuid4())
        async with httpx.AsyncClient(base_url=platform.url("lessons")) as lessons:
            held = await lessons.post(
                "/internal/trial-holds",
                json={"teacher_id": teacher["id"], "starts_at": starts_at, "request_id": request_id},
                headers={"Authorization": f"Bearer {await service_token(platform, 'tg-bot-service')}"},
            )
        assert held.status_code == 201, held.text
        hold = held.json()
        # While held, nobody else gets that time at the desk either.
        other = await admin.post(
            "/api/admin/lessons",
            json={"student_id": someone["id"], "teacher_id": teacher["id"], "starts_at": starts_at},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert (other.status_code, other.json()["code"]) == (409, "slot_taken")
        prospect_phone = phone()
        slot = {"teacher_id": teacher["id"], "starts_at": starts_at, "hold_id": hold["hold_id"]}
        await bff.state.broker.publish(
            Event(
                type="trial.requested",
                source="tg-bot-service",
                data={
                    "request_id": request_id,
                    "name": "Held Prospect",
                    "phone": prospect_phone,
                    "is_child": False,
                    "level": "B1",
                    "goal": "work",
                    "preferred_slot": {**slot, "held_until": hold["expires_at"]},
                    "time_of_day": "morning",
                    "language": "ru",
                    "telegram_user_id": 2,
                    "telegram_chat_id": 2,
                },
            )
        )
        lead = None
        for _ in range(100):
            page = (await admin.get("/api/admin/leads", params={"status": "new", "size": 100})).json()
            lead = next((item for item in page["items"] if item["phone"] == prospect_phone), None)
            if lead:
                break
            await asyncio.sleep(0.1)
        assert lead is not None
        assert lead["preferred_slot"]["hold_id"] == hold["hold_id"]

        converted = await admin.post(
            f"/api/admin/leads/{lead['id']}/convert",
            json={"trial": {"teacher_id": teacher["id"], "starts_at": starts_at, "duration_minutes": 60}},
        )

        assert converted.status_code == 201, converted.text
        lesson = converted.json()["lesson"]
        assert lesson["kind"] == "trial"
        assert datetime.fromisoformat(lesson["starts_at"]) == datetime.fromisoformat(starts_at)
