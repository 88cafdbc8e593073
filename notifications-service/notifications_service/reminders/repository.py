"""SQL for lesson snapshots and reminders."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Table, Uuid, all_, bindparam, cast, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import inline, utcnow

from .models import LessonSnapshot, Reminder

_lesson_table: Table = LessonSnapshot.__table__  # type: ignore[assignment]
_reminder_table: Table = Reminder.__table__  # type: ignore[assignment]


async def get_lesson_for_update(session: AsyncSession, lesson_id: uuid.UUID) -> LessonSnapshot | None:
    return await session.scalar(select(LessonSnapshot).where(LessonSnapshot.lesson_id == lesson_id).with_for_update())


async def insert_lesson(session: AsyncSession, values: dict[str, Any]) -> LessonSnapshot | None:
    """Insert the first snapshot of a lesson and return it (one statement); None when the lesson
    already has one (it is then visible to `get_lesson_for_update`). The snapshot returned is built
    from the values written (not loaded back), for reading only."""
    now = utcnow()
    row = {**values, "created_at": now, "updated_at": now}
    inserted = await session.scalar(
        insert(_lesson_table).values(**row).on_conflict_do_nothing().returning(_lesson_table.c.lesson_id)
    )
    return LessonSnapshot(**row) if inserted is not None else None


# One statement whatever the number of rows (compiled and prepared once): the rows come as arrays.
_ADD_REMINDERS = text(
    """
    INSERT INTO reminder (id, lesson_id, user_id, minutes_before, lesson_starts_at, remind_at, status,
                          created_at, updated_at)
    SELECT id, lesson_id, user_id, minutes_before, lesson_starts_at, remind_at, 'pending', created_at, created_at
    FROM unnest(CAST(:id AS uuid[]), CAST(:lesson_id AS uuid[]), CAST(:user_id AS uuid[]),
                CAST(:minutes_before AS integer[]), CAST(:lesson_starts_at AS timestamptz[]),
                CAST(:remind_at AS timestamptz[]), CAST(:created_at AS timestamptz[]))
         AS row (id, lesson_id, user_id, minutes_before, lesson_starts_at, remind_at, created_at)
    ON CONFLICT DO NOTHING
    """
)
_REMINDER_FIELDS = ("lesson_id", "user_id", "minutes_before", "lesson_starts_at", "remind_at")


async def add_reminders(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Queue reminders in one statement; one already queued for the same person and time stays."""
    if rows:
        params: dict[str, list[Any]] = {name: [row[name] for row in rows] for name in _REMINDER_FIELDS}
        params["id"] = [uuid.uuid4() for _ in rows]
        params["created_at"] = [utcnow() for _ in rows]
        await session.execute(_ADD_REMINDERS, params)


async def cancel_pending_reminders(
    session: AsyncSession,
    lesson_id: uuid.UUID,
    *,
    keep_starts_at: datetime | None = None,
    keep_user_ids: list[uuid.UUID] | None = None,
) -> None:
    """Cancel the lesson's pending reminders except those for its current time and people."""
    table = _reminder_table
    statement = update(table).where(table.c.lesson_id == lesson_id, table.c.status == "pending")
    if keep_starts_at is not None and keep_user_ids is not None:
        statement = statement.where(
            (table.c.lesson_starts_at != keep_starts_at) | (table.c.user_id != all_(cast(keep_user_ids, ARRAY(Uuid))))
        )
    await session.execute(statement.values(status="cancelled", updated_at=utcnow()))


# The status is inlined so the partial index ix_reminder_due serves the claim (studio_kit.db.inline).
CLAIM_DUE_REMINDERS = (
    select(Reminder)
    .where(Reminder.status == inline("pending"), Reminder.remind_at <= bindparam("now"))
    .order_by(Reminder.remind_at)
    .limit(bindparam("limit"))
    .with_for_update(skip_locked=True)
)


async def claim_due_reminders(session: AsyncSession, now: datetime, limit: int) -> list[Reminder]:
    rows = await session.scalars(CLAIM_DUE_REMINDERS, {"now": now, "limit": limit})
    return list(rows)


async def list_reminders(session: AsyncSession, lesson_id: uuid.UUID) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder).where(Reminder.lesson_id == lesson_id).order_by(Reminder.remind_at, Reminder.user_id)
    )
    return list(rows)
