"""The admin's delivery log: filters, paging, access."""

import uuid

import httpx
from fastapi import FastAPI

from ..helpers import add_recipient, notifications, publish, wait_for


class TestDeliveryLog:
    async def test_filters_and_pages(self, app: FastAPI, client: httpx.AsyncClient, jwt_signer) -> None:
        first = await add_recipient(app, email="a@example.com", telegram_chat_id=11, language="en")
        second = await add_recipient(app, email="b@example.com", language="en")
        for student in (first, second):
            await publish(
                app,
                "balance.low",
                {"student_id": str(student), "balance_minor": 1, "threshold_minor": 5, "currency": "RUB"},
            )
        await wait_for(lambda: _count(app, 3))
        admin = jwt_signer.headers("admin")

        async def listing(**params: object) -> dict:
            response = await client.get("/notifications", params=params, headers=admin)
            assert response.status_code == 200
            return response.json()

        assert (await listing())["total"] == 3
        assert [i["address"] for i in (await listing(channel="telegram"))["items"]] == ["11"]
        assert {i["channel"] for i in (await listing(recipient=str(first)))["items"]} == {"email", "telegram"}
        assert (await listing(recipient="B@example.com"))["items"][0]["recipient"] == str(second)
        assert (await listing(event_type="lesson.scheduled"))["total"] == 0
        paged = await listing(size=2, page=2)
        assert (paged["total"], len(paged["items"]), paged["page"], paged["size"]) == (3, 1, 2, 2)
        assert (await listing(**{"from": "2100-01-01T00:00:00+00:00"}))["total"] == 0

        item = (await listing(channel="email", recipient=str(second)))["items"][0]
        detail = (await client.get(f"/notifications/{item['id']}", headers=admin)).json()
        assert detail["subject"] == "Your balance is running low"
        assert "₽0.01" in detail["body_text"]

    async def test_only_admins_read_the_log(self, client: httpx.AsyncClient, jwt_signer) -> None:
        assert (await client.get("/notifications")).status_code == 401
        response = await client.get("/notifications", headers=jwt_signer.headers("student"))
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        missing = await client.get(f"/notifications/{uuid.uuid4()}", headers=jwt_signer.headers("admin"))
        assert missing.status_code == 404
        assert missing.json()["code"] == "notification_not_found"
        bad = await client.get("/notifications", params={"status": "lost"}, headers=jwt_signer.headers("admin"))
        assert bad.status_code == 422


async def _count(app: FastAPI, expected: int) -> bool:
    return len(await notifications(app)) == expected
