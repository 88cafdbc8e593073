from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio


def trial(phone: str, **fields: Any) -> dict[str, Any]:
    return {
        "request_id": str(uuid.uuid4()),
        "name": "Pavel Smirnov",
        "phone": phone,
        "is_child": False,
        "level": "A2",
        "goal": "travel",
        "preferred_slot": None,
        "time_of_day": "evening",
        "language": "ru",
        "telegram_user_id": 5_000_000_001,
        "telegram_chat_id": 5_000_000_001,
        **fields,
    }


async def leads(studio: Studio, **params: Any) -> dict[str, Any]:
    response = await studio.client.get("/leads", params=params, headers=studio.admin)
    assert response.status_code == 200, response.text
    return dict(response.json())


class TestTrialRequested:
    async def test_request_creates_a_lead_and_a_lead_profile(self, studio: Studio) -> None:
        await studio.deliver("trial.requested", trial("+7 (916) 555-12-34"))
        page = await leads(studio)
        assert page["total"] == 1
        lead = page["items"][0]
        assert (lead["phone"], lead["status"], lead["source"]) == ("+79165551234", "new", "telegram")
        profile = (await studio.client.get(f"/students/{lead['student_id']}", headers=studio.admin)).json()
        assert (profile["first_name"], profile["last_name"], profile["status"]) == ("Pavel", "Smirnov", "lead")
        assert [e["student_id"] for e in await studio.outbox("student.created")] == [lead["student_id"]]

    async def test_second_request_from_the_same_phone_updates_the_open_lead(self, studio: Studio) -> None:
        await studio.deliver("trial.requested", trial("+79165551234"))
        await studio.deliver("trial.requested", trial("8 916 555 12 34", goal="IELTS", level="B1"))
        page = await leads(studio)
        assert page["total"] == 1
        assert (page["items"][0]["goal"], page["items"][0]["level"]) == ("IELTS", "B1")
        assert len(await studio.outbox("student.created")) == 1

    async def test_five_requests_from_one_prospect_alert_the_admins_once(self, studio: Studio) -> None:
        # Issue 18: every request used to alert every admin; now one lead, one `lead.created`.
        for goal in ("travel", "work", "IELTS", "kids", "fun"):
            await studio.deliver("trial.requested", trial("+79165551234", goal=goal))
        page = await leads(studio)
        assert page["total"] == 1
        created = await studio.outbox("lead.created")
        assert len(created) == 1
        lead = page["items"][0]
        assert (created[0]["lead_id"], created[0]["student_id"]) == (lead["id"], lead["student_id"])
        assert (created[0]["phone"], created[0]["name"], created[0]["goal"]) == (
            "+79165551234",
            "Pavel Smirnov",
            "travel",
        )

    async def test_a_new_request_after_the_lead_closed_is_a_new_lead_and_alert(self, studio: Studio) -> None:
        await studio.deliver("trial.requested", trial("+79165551234"))
        lead = (await leads(studio))["items"][0]
        closed = await studio.client.patch(f"/leads/{lead['id']}", json={"status": "lost"}, headers=studio.admin)
        assert closed.status_code == 200, closed.text
        await studio.deliver("trial.requested", trial("+79165551234"))
        assert (await leads(studio))["total"] == 2
        assert len(await studio.outbox("lead.created")) == 2

    async def test_redelivered_request_changes_nothing(self, studio: Studio) -> None:
        request = trial("+79165551234")
        await studio.deliver("trial.requested", request)
        await studio.deliver("trial.requested", {**request, "goal": "changed later"})
        assert [lead["goal"] for lead in (await leads(studio))["items"]] == ["travel"]

    async def test_existing_student_with_the_phone_is_linked_not_duplicated(self, studio: Studio) -> None:
        student = await studio.create_student(phone="+79165551234")
        await studio.deliver("trial.requested", trial("+79165551234"))
        assert (await leads(studio))["items"][0]["student_id"] == student["id"]
        assert len(await studio.outbox("student.created")) == 1


class TestFunnel:
    async def test_admin_moves_a_lead_and_the_profile_follows(self, studio: Studio) -> None:
        await studio.deliver("trial.requested", trial("+79165551234"))
        lead = (await leads(studio))["items"][0]
        moved = await studio.client.patch(
            f"/leads/{lead['id']}", json={"status": "trial_scheduled", "note": "Tue 18:00"}, headers=studio.admin
        )
        assert (moved.json()["status"], moved.json()["note"]) == ("trial_scheduled", "Tue 18:00")
        profile = (await studio.client.get(f"/students/{lead['student_id']}", headers=studio.admin)).json()
        assert profile["status"] == "trial"
        await studio.client.patch(f"/leads/{lead['id']}", json={"status": "won"}, headers=studio.admin)
        profile = (await studio.client.get(f"/students/{lead['student_id']}", headers=studio.admin)).json()
        assert profile["status"] == "active"
        assert [item["id"] for item in (await leads(studio, status="won"))["items"]] == [lead["id"]]
        assert (await leads(studio, status="new"))["total"] == 0

    async def test_a_new_request_after_a_closed_lead_opens_a_new_lead_for_the_same_student(
        self, studio: Studio
    ) -> None:
        await studio.deliver("trial.requested", trial("+79165551234"))
        first = (await leads(studio))["items"][0]
        await studio.client.patch(f"/leads/{first['id']}", json={"status": "lost"}, headers=studio.admin)
        await studio.deliver("trial.requested", trial("+79165551234"))
        page = await leads(studio)
        assert page["total"] == 2
        assert {item["student_id"] for item in page["items"]} == {first["student_id"]}
        reopened = await studio.client.patch(f"/leads/{first['id']}", json={"status": "new"}, headers=studio.admin)
        assert (reopened.status_code, reopened.json()["code"]) == (409, "lead_already_open")

    async def test_leads_are_for_admins_only(self, studio: Studio) -> None:
        await studio.deliver("trial.requested", trial("+79165551234"))
        lead = (await leads(studio))["items"][0]
        for headers in (studio.teacher_headers(uuid.uuid4()), studio.student_headers(lead["student_id"])):
            assert (await studio.client.get("/leads", headers=headers)).status_code == 403
            patch = await studio.client.patch(f"/leads/{lead['id']}", json={"status": "won"}, headers=headers)
            assert patch.status_code == 403
        assert (
            await studio.client.patch(f"/leads/{uuid.uuid4()}", json={"status": "won"}, headers=studio.admin)
        ).status_code == 404
