"""The dispatcher is woken by the commit that creates a message, not by its timer."""

import asyncio

import httpx
from fastapi import FastAPI

from ..fakes import FakeSmtp
from ..helpers import add_recipient, publish, wait_for


async def test_a_new_message_goes_out_without_waiting_for_the_poll(app: FastAPI, smtp_server: FakeSmtp) -> None:
    settings = app.state.settings
    await asyncio.wait_for(app.state.waker.connected.wait(), timeout=10)
    settings.notifications_poll_interval_seconds = 3600.0  # the timer would not fire during this test
    try:
        await asyncio.sleep(0.5)  # the running pass ends; the dispatcher now sleeps for an hour
        student = await add_recipient(app, email="prompt@example.com", language="en")
        await publish(
            app,
            "balance.low",
            {"student_id": str(student), "balance_minor": 100, "threshold_minor": 1000, "currency": "RUB"},
        )

        async def mailed() -> list[object]:
            return smtp_server.to("prompt@example.com")

        sent = await wait_for(mailed, timeout=15)
    finally:
        settings.notifications_poll_interval_seconds = 0.1
    assert len(sent) == 1


async def test_a_new_broadcast_goes_out_without_waiting_for_the_poll(
    app: FastAPI, client: httpx.AsyncClient, jwt_signer, smtp_server: FakeSmtp
) -> None:
    # A wake-up for a new message only sends; a new broadcast raises its own flag with the wake-up,
    # so the dispatcher fans it out at once instead of on its next poll.
    settings = app.state.settings
    await asyncio.wait_for(app.state.waker.connected.wait(), timeout=10)
    settings.notifications_poll_interval_seconds = 3600.0
    try:
        await asyncio.sleep(0.5)  # the running pass ends; the dispatcher now sleeps for an hour
        await add_recipient(app, email="news@example.com", role="student", language="en")
        body = {"audience": "all_students", "subject": "Studio news", "body": "We have a new room."}
        response = await client.post("/broadcasts", json=body, headers=jwt_signer.headers("admin"))
        assert response.status_code == 202

        async def mailed() -> list[object]:
            return smtp_server.to("news@example.com")

        sent = await wait_for(mailed, timeout=15)
    finally:
        settings.notifications_poll_interval_seconds = 0.1
    assert len(sent) == 1
