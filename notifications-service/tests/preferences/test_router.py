"""The caller's own preferences."""

import uuid

import httpx
from fastapi import FastAPI

from ..fakes import FakeSmtp
from ..helpers import add_recipient, notifications, publish, settle, wait_for


class TestPreferences:
    async def test_defaults_come_from_what_events_told_us(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer
    ) -> None:
        user_id = await add_recipient(app, language="en", timezone="Europe/Berlin")
        body = (await client.get("/preferences/me", headers=jwt_signer.headers("student", sub=user_id))).json()
        assert body == {
            "language": "en",
            "timezone": "Europe/Berlin",
            "quiet_hours": None,
            "channels": {
                "account": ["email"],
                "lessons": ["email", "telegram", "push"],
                "reminders": ["email", "telegram", "push"],
                "billing": ["email", "telegram", "push"],
                "news": ["email", "telegram", "push"],
            },
            "saved": False,
        }

    async def test_saved_preferences_are_read_back(self, client: httpx.AsyncClient, jwt_signer) -> None:
        headers = jwt_signer.headers("teacher", sub=uuid.uuid4())
        data = {
            "language": "ru",
            "timezone": "Asia/Tokyo",
            "quiet_hours": {"start": "22:00", "end": "08:00"},
            "channels": {"news": [], "billing": ["sms", "sms", "email"]},
        }
        saved = (await client.put("/preferences/me", json=data, headers=headers)).json()
        assert saved == (await client.get("/preferences/me", headers=headers)).json()
        assert saved["quiet_hours"] == {"start": "22:00", "end": "08:00"}
        assert saved["channels"]["news"] == []
        assert saved["channels"]["billing"] == ["sms", "email"]
        assert saved["channels"]["lessons"] == ["email", "telegram", "push"]

    async def test_invalid_payloads_are_rejected_and_change_nothing(
        self, client: httpx.AsyncClient, jwt_signer
    ) -> None:
        headers = jwt_signer.headers("student", sub=uuid.uuid4())
        for bad in (
            {"language": "de", "timezone": "UTC"},
            {"language": "en", "timezone": "Mars/Base"},
            {"language": "en", "timezone": "UTC", "quiet_hours": {"start": "25:00", "end": "08:00"}},
            {"language": "en", "timezone": "UTC", "channels": {"account": ["telegram"]}},
            {"language": "en", "timezone": "UTC", "channels": {"lessons": ["pigeon"]}},
        ):
            response = await client.put("/preferences/me", json=bad, headers=headers)
            assert response.status_code == 422
            assert response.json()["code"] == "validation_error"
        assert (await client.get("/preferences/me", headers=headers)).json()["timezone"] == "Europe/Moscow"

    async def test_needs_a_person(self, client: httpx.AsyncClient, jwt_signer) -> None:
        assert (await client.get("/preferences/me")).status_code == 401
        service = jwt_signer.headers("service", sub="service:lessons", scopes=["notifications:write"])
        response = await client.get("/preferences/me", headers=service)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"

    async def test_turned_off_category_sends_nothing(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, smtp_server: FakeSmtp
    ) -> None:
        user_id = await add_recipient(app, email="quiet@example.com", language="en")
        data = {"language": "en", "timezone": "UTC", "channels": {"billing": []}}
        await client.put("/preferences/me", json=data, headers=jwt_signer.headers("student", sub=user_id))
        await publish(
            app,
            "balance.low",
            {"student_id": str(user_id), "balance_minor": 1, "threshold_minor": 5, "currency": "RUB"},
        )
        await publish(
            app, "group.member_added", {"group_id": str(uuid.uuid4()), "group_name": "A1", "student_id": str(user_id)}
        )
        await wait_for(lambda: _mail(smtp_server, "quiet@example.com"))
        await settle()
        assert [n.event_type for n in await notifications(app)] == ["group.member_added"]


async def _mail(smtp_server: FakeSmtp, address: str) -> list:
    return smtp_server.to(address)


class TestSavedFlag:
    async def test_defaults_are_not_saved_until_the_person_saves(self, client, jwt_signer):
        user_id = str(uuid.uuid4())
        headers = jwt_signer.headers("student", sub=user_id)
        before = (await client.get("/preferences/me", headers=headers)).json()
        assert before["saved"] is False
        data = {"language": "en", "timezone": "Asia/Tokyo", "quiet_hours": None, "channels": {}}
        saved = (await client.put("/preferences/me", json=data, headers=headers)).json()
        assert saved["saved"] is True
        assert (await client.get("/preferences/me", headers=headers)).json()["saved"] is True
