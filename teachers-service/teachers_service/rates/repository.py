"""SQL for rates."""

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import TeacherRate


async def list_rates(session: AsyncSession, teacher_id: uuid.UUID) -> list[TeacherRate]:
    query = (
        select(TeacherRate)
        .where(TeacherRate.teacher_id == teacher_id)
        .order_by(TeacherRate.kind, TeacherRate.effective_from.desc())
    )
    return list((await session.scalars(query)).all())


async def rate_on(session: AsyncSession, teacher_id: uuid.UUID, kind: str, on_date: date) -> TeacherRate | None:
    """The rate in force on a date: the latest one that had started by then."""
    return await session.scalar(
        select(TeacherRate)
        .where(TeacherRate.teacher_id == teacher_id, TeacherRate.kind == kind, TeacherRate.effective_from <= on_date)
        .order_by(TeacherRate.effective_from.desc())
        .limit(1)
    )


async def add_rate(session: AsyncSession, rate: TeacherRate) -> TeacherRate:
    session.add(rate)
    await session.flush()
    return rate
