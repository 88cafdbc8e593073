"""Small helpers shared by the tests: publish a real event, wait for an outcome, read the log."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from notifications_service.notifications.models import Notification
from notifications_service.recipients.models import Recipient
from studio_kit.messaging import Event


async def publish(
    app: FastAPI,
    event_type: str,
    data: dict[str, Any],
    *,
    event_id: uuid.UUID | None = None,
    time: datetime | None = None,
) -> Event:
    """Publish through the real broker, the way another service's outbox relay would."""
    event = Event(
        id=event_id or uuid.uuid4(), type=event_type, source="tests", data=data, time=time or datetime.now(UTC)
    )
    await app.state.broker.publish(event)
    return event


async def wait_for(predicate: Callable[[], Awaitable[Any]], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = await predicate()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def settle(seconds: float = 0.6) -> None:
    """Give the consumer and the dispatcher a few polls, to show that nothing more happens."""
    await asyncio.sleep(seconds)


async def notifications(app: FastAPI, **where: Any) -> list[Notification]:
    async with app.state.database.sessionmaker() as session:
        statement = select(Notification).order_by(Notification.created_at, Notification.channel)
        for key, value in where.items():
            statement = statement.where(getattr(Notification, key) == value)
        return list(await session.scalars(statement))


async def add_recipient(app: FastAPI, **values: Any) -> uuid.UUID:
    user_id = values.pop("user_id", None) or uuid.uuid4()
    async with app.state.database.sessionmaker() as session, session.begin():
        session.add(Recipient(user_id=user_id, **values))
    return user_id


async def recipient(app: FastAPI, user_id: uuid.UUID) -> Recipient | None:
    """The directory's row of a person, or None while no event has told of them."""
    async with app.state.database.sessionmaker() as session:
        return await session.get(Recipient, user_id)
