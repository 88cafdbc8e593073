"""Web Push subscriptions and delivery against a push service on loopback."""

import uuid

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from notifications_service.database import inbox_messages

from ..fakes import FakePushService
from ..helpers import add_recipient, notifications, publish, wait_for


class TestVapidKey:
    async def test_public_key_matches_the_configured_private_key(
        self, client: httpx.AsyncClient, vapid_keys: tuple[str, str]
    ) -> None:
        assert (await client.get("/push/vapid-public-key")).json() == {"public_key": vapid_keys[1]}


class TestSubscriptions:
    async def test_subscribe_receive_and_unsubscribe(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, push_service: FakePushService
    ) -> None:
        user_id = await add_recipient(app, language="en")
        headers = jwt_signer.headers("student", sub=user_id)
        browser = push_service.new_browser()
        created = (await client.post("/push/subscriptions", json=browser.subscription, headers=headers)).json()
        await publish(
            app,
            "balance.low",
            {"student_id": str(user_id), "balance_minor": 100, "threshold_minor": 500, "currency": "RUB"},
        )
        [push] = await wait_for(lambda: _received(push_service))
        assert push["data"] == {
            "title": "Your balance is running low",
            "body": "Low balance: ₽1",
            "url": "https://studio.example.com",
        }
        assert push["claims"]["aud"] == push_service.url

        other = jwt_signer.headers("student", sub=uuid.uuid4())
        assert (await client.delete(f"/push/subscriptions/{created['id']}", headers=other)).status_code == 404
        assert (await client.delete(f"/push/subscriptions/{created['id']}", headers=headers)).status_code == 204

    async def test_expired_subscription_is_forgotten_and_the_message_dead(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, push_service: FakePushService
    ) -> None:
        user_id = await add_recipient(app, language="en")
        browser = push_service.new_browser()
        await client.post(
            "/push/subscriptions", json=browser.subscription, headers=jwt_signer.headers("student", sub=user_id)
        )
        push_service.gone.add(browser.endpoint.removeprefix(push_service.url))
        await publish(
            app,
            "balance.low",
            {"student_id": str(user_id), "balance_minor": 100, "threshold_minor": 500, "currency": "RUB"},
        )

        async def dead() -> list:
            return [n for n in await notifications(app) if n.status == "dead"]

        [row] = await wait_for(dead)
        assert row.attempts == 1
        assert row.channel == "push"
        # The next message finds no subscription left, so it creates no push row at all.
        second = await publish(
            app,
            "balance.low",
            {"student_id": str(user_id), "balance_minor": 50, "threshold_minor": 500, "currency": "RUB"},
        )
        await wait_for(lambda: _inbox_has(app, second.id))
        assert len(await notifications(app, event_type="balance.low")) == 1

    async def test_endpoint_must_be_a_url(
        self, client: httpx.AsyncClient, jwt_signer, push_service: FakePushService
    ) -> None:
        subscription = push_service.new_browser().subscription
        subscription["endpoint"] = "file:///etc/passwd"
        response = await client.post("/push/subscriptions", json=subscription, headers=jwt_signer.headers("student"))
        assert response.status_code == 422
        assert response.json()["code"] == "push_endpoint_not_allowed"


async def _received(push_service: FakePushService) -> list:
    return list(push_service.received)


async def _inbox_has(app: FastAPI, event_id: uuid.UUID) -> bool:
    async with app.state.database.sessionmaker() as session:
        query = select(inbox_messages.c.event_id).where(inbox_messages.c.event_id == event_id)
        return bool(await session.scalar(query))


async def _count(app: FastAPI, event_type: str, expected: int) -> bool:
    return len(await notifications(app, event_type=event_type)) == expected
