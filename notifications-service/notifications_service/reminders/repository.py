"""SQL for lesson snapshots and reminders."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import LessonSnapshot, Reminder


async def get_lesson_for_update(session: AsyncSession, lesson_id: uuid.UUID) -> LessonSnapshot | None:
    return await session.scalar(select(LessonSnapshot).where(LessonSnapshot.lesson_id == lesson_id).with_for_update())


async def insert_lesson(session: AsyncSession, values: dict[str, Any]) -> LessonSnapshot | None:
    """Insert the first snapshot of a lesson and return it (one statement); None when the lesson
    already has one (it is then visible to `get_lesson_for_update`)."""
    statement = insert(LessonSnapshot).values(**values).on_conflict_do_nothing().returning(LessonSnapshot)
    return await session.scalar(select(LessonSnapshot).from_statement(statement))


async def add_reminders(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Queue reminders in one statement; one already queued for the same person and time stays."""
    if rows:
        await session.execute(
            insert(Reminder).values([{"id": uuid.uuid4(), **row} for row in rows]).on_conflict_do_nothing()
        )


async def cancel_pending_reminders(
    session: AsyncSession,
    lesson_id: uuid.UUID,
    *,
    keep_starts_at: datetime | None = None,
    keep_user_ids: list[uuid.UUID] | None = None,
) -> None:
    """Cancel the lesson's pending reminders except those for its current time and people."""
    statement = update(Reminder).where(Reminder.lesson_id == lesson_id, Reminder.status == "pending")
    if keep_starts_at is not None and keep_user_ids is not None:
        statement = statement.where(
            (Reminder.lesson_starts_at != keep_starts_at) | Reminder.user_id.not_in(keep_user_ids)
        )
    await session.execute(statement.values(status="cancelled"))


async def claim_due_reminders(session: AsyncSession, now: datetime, limit: int) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder)
        .where(Reminder.status == "pending", Reminder.remind_at <= now)
        .order_by(Reminder.remind_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows)


async def list_reminders(session: AsyncSession, lesson_id: uuid.UUID) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder).where(Reminder.lesson_id == lesson_id).order_by(Reminder.remind_at, Reminder.user_id)
    )
    return list(rows)
