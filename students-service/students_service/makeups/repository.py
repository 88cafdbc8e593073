"""SQL for the make-up policy and credits."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import MakeupCredit, MakeupPolicy


async def get_policy(session: AsyncSession) -> MakeupPolicy | None:
    return await session.get(MakeupPolicy, 1)


async def list_credits(session: AsyncSession, student_id: uuid.UUID) -> list[MakeupCredit]:
    query = (
        select(MakeupCredit)
        .where(MakeupCredit.student_id == student_id)
        .order_by(MakeupCredit.created_at.desc(), MakeupCredit.id)
    )
    return list((await session.scalars(query)).all())


async def get_for_source(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> MakeupCredit | None:
    return await session.scalar(
        select(MakeupCredit).where(MakeupCredit.student_id == student_id, MakeupCredit.source_lesson_id == lesson_id)
    )


async def get_for_use(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> MakeupCredit | None:
    return await session.scalar(
        select(MakeupCredit).where(MakeupCredit.student_id == student_id, MakeupCredit.used_lesson_id == lesson_id)
    )


async def oldest_available(session: AsyncSession, student_id: uuid.UUID) -> MakeupCredit | None:
    query = (
        select(MakeupCredit)
        .where(MakeupCredit.student_id == student_id, MakeupCredit.status == "available")
        .order_by(MakeupCredit.created_at, MakeupCredit.id)
        .limit(1)
    )
    return await session.scalar(query)


async def add(session: AsyncSession, credit: MakeupCredit) -> MakeupCredit:
    session.add(credit)
    await session.flush()
    return credit
