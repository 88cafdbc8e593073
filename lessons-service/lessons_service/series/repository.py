"""All SQL of group series: the studio's closed days and the groups that have lessons."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..lessons.models import Lesson
from .models import StudioClosedDay


async def closed_dates(session: AsyncSession, first: date, last: date) -> set[date]:
    rows = await session.scalars(
        select(StudioClosedDay.closed_date).where(StudioClosedDay.closed_date.between(first, last))
    )
    return set(rows)


async def list_closed_days(session: AsyncSession, first: date, last: date) -> list[StudioClosedDay]:
    rows = await session.scalars(
        select(StudioClosedDay)
        .where(StudioClosedDay.closed_date.between(first, last))
        .order_by(StudioClosedDay.closed_date)
    )
    return list(rows)


async def add_closed_day(session: AsyncSession, day: StudioClosedDay) -> StudioClosedDay:
    await session.execute(
        pg_insert(StudioClosedDay)
        .values(closed_date=day.closed_date, reason=day.reason, created_by=day.created_by, created_at=day.created_at)
        .on_conflict_do_update(index_elements=["closed_date"], set_={"reason": day.reason})
    )
    stored = await session.get(StudioClosedDay, day.closed_date, populate_existing=True)
    assert stored is not None
    return stored


async def delete_closed_day(session: AsyncSession, closed_date: date) -> bool:
    result = await session.execute(
        delete(StudioClosedDay).where(StudioClosedDay.closed_date == closed_date).returning(StudioClosedDay.closed_date)
    )
    return result.first() is not None


async def groups_with_lessons_since(session: AsyncSession, since: datetime) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Lesson.group_id).where(Lesson.group_id.is_not(None), Lesson.starts_at >= since).distinct()
    )
    return [group_id for group_id in rows if group_id is not None]
