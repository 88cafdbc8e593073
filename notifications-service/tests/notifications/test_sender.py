"""Delivery: retries with backoff, dead entries after the last attempt, quiet hours defer."""

import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from notifications_service.notifications.models import Notification
from notifications_service.preferences.models import Preference

from ..fakes import FakeSmtp
from ..helpers import add_recipient, notifications, publish, settle, wait_for


async def _balance_low(app: FastAPI, student: uuid.UUID) -> None:
    await publish(
        app,
        "balance.low",
        {"student_id": str(student), "balance_minor": 100, "threshold_minor": 1000, "currency": "RUB"},
    )


class TestRetries:
    async def test_failing_smtp_is_retried_then_dead_and_visible_to_admins(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, smtp_server: FakeSmtp
    ) -> None:
        smtp_server.fail_next(100)
        student = await add_recipient(app, email="unlucky@example.com", language="en")
        await _balance_low(app, student)

        async def dead() -> list[Notification]:
            return [n for n in await notifications(app) if n.status == "dead"]

        [row] = await wait_for(dead)
        assert row.attempts == 5
        assert smtp_server.failed_attempts == 5
        assert row.last_error is not None
        assert "451" in row.last_error
        assert smtp_server.to("unlucky@example.com") == []

        admin = jwt_signer.headers("admin")
        page = (await client.get("/notifications", params={"status": "dead"}, headers=admin)).json()
        assert page["total"] == 1
        assert page["items"][0]["recipient"] == str(student)
        assert page["items"][0]["attempts"] == 5
        assert "451" in page["items"][0]["last_error"]

        smtp_server.fail_next(0)
        retried = await client.post(f"/notifications/{row.id}/retry", headers=admin)
        assert retried.json()["status"] == "pending"
        await wait_for(lambda: _mail(smtp_server, "unlucky@example.com"))

    async def test_temporary_failure_is_sent_on_a_later_attempt(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        smtp_server.fail_next(2)
        student = await add_recipient(app, email="patient@example.com", language="en")
        await _balance_low(app, student)
        await wait_for(lambda: _mail(smtp_server, "patient@example.com"))
        [row] = await wait_for(lambda: _sent(app))
        assert row.attempts == 3
        assert "451" in (row.last_error or "")

    async def test_rejected_address_is_dead_at_once(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        smtp_server.fail_next(1, "550 5.1.1 No such user")
        student = await add_recipient(app, email="nobody@example.com", language="en")
        await _balance_low(app, student)

        async def dead() -> list[Notification]:
            return [n for n in await notifications(app) if n.status == "dead"]

        [row] = await wait_for(dead)
        assert row.attempts == 1
        assert "550" in (row.last_error or "")


class TestQuietHours:
    async def test_message_in_quiet_hours_is_deferred_to_the_window_end_then_sent(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        zone = ZoneInfo("Asia/Tokyo")
        local_now = datetime.now(zone)
        start = (local_now - timedelta(hours=1)).time().replace(second=0, microsecond=0)
        end = (local_now + timedelta(hours=2)).time().replace(second=0, microsecond=0)
        student = await add_recipient(app, email="sleepy@example.com", language="en")
        async with app.state.database.sessionmaker() as session, session.begin():
            session.add(
                Preference(
                    user_id=student, timezone="Asia/Tokyo", quiet_hours_start=start, quiet_hours_end=end, channels={}
                )
            )
        await _balance_low(app, student)
        [row] = await wait_for(lambda: notifications(app))
        expected_end = datetime.combine(
            local_now.date() + timedelta(days=1 if end < time(local_now.hour, local_now.minute) else 0), end, zone
        )
        assert row.status == "deferred"
        assert row.next_attempt_at == expected_end.astimezone(UTC)
        await settle()
        assert smtp_server.to("sleepy@example.com") == []

        # The night is over: the deferred message goes out rather than being dropped.
        async with app.state.database.sessionmaker() as session, session.begin():
            await session.execute(
                update(Notification).where(Notification.id == row.id).values(next_attempt_at=datetime.now(UTC))
            )
        await wait_for(lambda: _mail(smtp_server, "sleepy@example.com"))
        [row] = await wait_for(lambda: _sent(app))
        assert row.attempts == 1


async def _mail(smtp_server: FakeSmtp, address: str) -> list:
    return smtp_server.to(address)


async def _sent(app: FastAPI) -> list[Notification]:
    return [n for n in await notifications(app) if n.status == "sent"]
