"""SQL for payroll lines."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PayrollLine


async def add_line_once(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert unless the lesson already has its line; returns whether it was new."""
    inserted = await session.scalar(
        pg_insert(PayrollLine)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["lesson_id"])
        .returning(PayrollLine.id)
    )
    return inserted is not None


async def has_line(session: AsyncSession, lesson_id: uuid.UUID) -> bool:
    return await session.scalar(select(PayrollLine.id).where(PayrollLine.lesson_id == lesson_id)) is not None


async def lines_between(
    session: AsyncSession, start: datetime, end: datetime, teacher_id: uuid.UUID | None = None
) -> list[PayrollLine]:
    query = select(PayrollLine).where(PayrollLine.starts_at >= start, PayrollLine.starts_at < end)
    if teacher_id is not None:
        query = query.where(PayrollLine.teacher_id == teacher_id)
    return list((await session.scalars(query.order_by(PayrollLine.starts_at, PayrollLine.id))).all())
