"""SQL for the delivery log."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.wakeup import notify_expression

from .models import OPEN_STATUSES, Notification

# Committing a new notification wakes the dispatcher of every instance (LISTEN/NOTIFY).
DUE_CHANNEL = "notification_due"


@dataclass(frozen=True)
class NotificationFilter:
    status: str | None = None
    channel: str | None = None
    event_type: str | None = None
    recipient: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


async def insert_notifications(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert in one statement every row whose message did not already go to this recipient on this
    channel; returns how many are new. The dispatcher wakes when the transaction commits."""
    if not rows:
        return 0
    result = await session.execute(
        insert(Notification)
        .values([{"id": uuid.uuid4(), **row} for row in rows])
        .on_conflict_do_nothing(constraint="uq_notification_dedup_key_channel_recipient")
        .returning(Notification.id, notify_expression(DUE_CHANNEL))
    )
    return len(result.all())


async def claim_due_notifications(session: AsyncSession, now: datetime, limit: int) -> list[Notification]:
    """Lock due rows for this sender; rows another instance holds are skipped, not waited for."""
    rows = await session.scalars(
        select(Notification)
        .where(Notification.status.in_(OPEN_STATUSES), Notification.next_attempt_at <= now)
        .order_by(Notification.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows)


def _filtered(statement: Select[Any], filters: NotificationFilter) -> Select[Any]:
    if filters.status:
        statement = statement.where(Notification.status == filters.status)
    if filters.channel:
        statement = statement.where(Notification.channel == filters.channel)
    if filters.event_type:
        statement = statement.where(Notification.event_type == filters.event_type)
    if filters.recipient:
        needle = filters.recipient.strip().lower()
        statement = statement.where(or_(Notification.recipient == needle, func.lower(Notification.address) == needle))
    if filters.created_from:
        statement = statement.where(Notification.created_at >= filters.created_from)
    if filters.created_to:
        statement = statement.where(Notification.created_at < filters.created_to)
    return statement


async def list_notifications(
    session: AsyncSession, filters: NotificationFilter, offset: int, limit: int
) -> tuple[list[Notification], int]:
    total = await session.scalar(_filtered(select(func.count()).select_from(Notification), filters))
    rows = await session.scalars(
        _filtered(select(Notification), filters)
        .order_by(Notification.created_at.desc(), Notification.id)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


async def get_notification(session: AsyncSession, notification_id: uuid.UUID) -> Notification | None:
    return await session.get(Notification, notification_id)
