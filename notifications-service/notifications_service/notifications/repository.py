"""SQL for the delivery log."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Result, Row, Select, Table, Uuid, any_, bindparam, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import inline, utcnow

from .models import OPEN_STATUSES, Notification

# Committing a new notification wakes the dispatcher of every instance (LISTEN/NOTIFY).
DUE_CHANNEL = "notification_due"  # spelled out in _INSERT below too
# Committing a new broadcast tells the dispatcher to fan it out on its next pass (with DUE_CHANNEL,
# which wakes it).
BROADCAST_CHANNEL = "broadcast_queued"


@dataclass(frozen=True)
class NotificationFilter:
    status: str | None = None
    channel: str | None = None
    event_type: str | None = None
    recipient: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


# One statement whatever the number of rows (compiled and prepared once): the rows come as arrays.
# The wake-up of DUE_CHANNEL ("notification_due") rides on the RETURNING clause.
_INSERT = text(
    """
    INSERT INTO notification (id, event_id, event_type, dedup_key, category, channel, recipient, user_id,
                              address, language, subject, body_text, body_html, short_text, payload, status,
                              next_attempt_at, created_at, attempts, updated_at)
    SELECT id, event_id, event_type, dedup_key, category, channel, recipient, user_id,
           address, language, subject, body_text, body_html, short_text, payload::jsonb, status,
           next_attempt_at, created_at, 0, created_at
    FROM unnest(CAST(:id AS uuid[]), CAST(:event_id AS uuid[]), CAST(:event_type AS text[]),
                CAST(:dedup_key AS text[]), CAST(:category AS text[]), CAST(:channel AS text[]),
                CAST(:recipient AS text[]), CAST(:user_id AS uuid[]), CAST(:address AS text[]),
                CAST(:language AS text[]), CAST(:subject AS text[]), CAST(:body_text AS text[]),
                CAST(:body_html AS text[]), CAST(:short_text AS text[]), CAST(:payload AS text[]),
                CAST(:status AS text[]), CAST(:next_attempt_at AS timestamptz[]), CAST(:created_at AS timestamptz[]))
         AS row (id, event_id, event_type, dedup_key, category, channel, recipient, user_id,
                 address, language, subject, body_text, body_html, short_text, payload, status,
                 next_attempt_at, created_at)
    ON CONFLICT ON CONSTRAINT uq_notification_dedup_key_channel_recipient DO NOTHING
    RETURNING id, pg_notify('notification_due', '')
    """
)
# The columns a caller's row gives (id and created_at are added here).
_ROW_FIELDS = (
    "event_id",
    "event_type",
    "dedup_key",
    "category",
    "channel",
    "recipient",
    "user_id",
    "address",
    "language",
    "subject",
    "body_text",
    "body_html",
    "short_text",
    "payload",
    "status",
    "next_attempt_at",
)


async def insert_notifications(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert in one statement every row whose message did not already go to this recipient on this
    channel; returns how many are new. The dispatcher wakes when the transaction commits."""
    if not rows:
        return 0
    params: dict[str, list[Any]] = {name: [row[name] for row in rows] for name in _ROW_FIELDS}
    params["payload"] = [json.dumps(payload) for payload in params["payload"]]
    params["id"] = [uuid.uuid4() for _ in rows]
    params["created_at"] = [utcnow() for _ in rows]
    result = await session.execute(_INSERT, params)
    return len(result.all())


_table: Table = Notification.__table__  # type: ignore[assignment]
# What the sender needs of a due row (plain rows, no ORM objects: the dispatcher's hot path).
CLAIM_DUE = (
    select(
        _table.c.id,
        _table.c.channel,
        _table.c.user_id,
        _table.c.address,
        _table.c.subject,
        _table.c.body_text,
        _table.c.body_html,
        _table.c.short_text,
        _table.c.payload,
        _table.c.attempts,
    )
    # the statuses are inlined so the partial index ix_notification_due serves the claim
    .where(
        _table.c.status.in_([inline(status) for status in OPEN_STATUSES]), _table.c.next_attempt_at <= bindparam("now")
    )
    .order_by(_table.c.next_attempt_at)
    .limit(bindparam("limit"))
    .with_for_update(skip_locked=True)
)
_MARK_SENT = (
    update(_table)
    .where(_table.c.id == any_(bindparam("ids", type_=ARRAY(Uuid))))
    .values(
        status="sent",
        attempts=_table.c.attempts + 1,
        sent_at=bindparam("at"),
        next_attempt_at=None,
        updated_at=bindparam("at"),
    )
)


async def claim_due_notifications(session: AsyncSession, now: datetime, limit: int) -> list[Row[Any]]:
    """Lock due rows for this sender; rows another instance holds are skipped, not waited for."""
    result: Result[Any] = await session.execute(CLAIM_DUE, {"now": now, "limit": limit})
    return list(result.all())


async def mark_sent(session: AsyncSession, ids: list[uuid.UUID], at: datetime) -> None:
    """Record a successful attempt of many rows in one statement."""
    if ids:
        await session.execute(_MARK_SENT, {"ids": ids, "at": at})


async def record_failure(
    session: AsyncSession,
    notification_id: uuid.UUID,
    *,
    attempts: int,
    status: str,
    last_error: str,
    next_attempt_at: datetime | None,
    at: datetime,
) -> None:
    await session.execute(
        update(_table)
        .where(_table.c.id == notification_id)
        .values(attempts=attempts, status=status, last_error=last_error, next_attempt_at=next_attempt_at, updated_at=at)
    )


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
