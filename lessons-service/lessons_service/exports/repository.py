"""SQL of the attendance export, streamed through a server-side cursor (`yield_per`)."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..lessons.models import Lesson, LessonStudent

BATCH = 1000


async def attendance(session: AsyncSession, start: datetime, end: datetime) -> AsyncIterator[Any]:
    """Every seat of the lessons starting in [start, end), in the order they took place."""
    query = (
        select(Lesson, LessonStudent)
        .join(LessonStudent, LessonStudent.lesson_id == Lesson.id)
        .where(Lesson.starts_at >= start, Lesson.starts_at < end)
        .order_by(Lesson.starts_at, Lesson.id, LessonStudent.student_id)
        .execution_options(yield_per=BATCH)
    )
    result = await session.stream(query)
    async for row in result:
        yield row


async def delivered_by_month(session: AsyncSession, since: datetime, timezone: str) -> dict[str, tuple[int, int]]:
    """Per studio month from `since`: (price of every seat of completed lessons, completed lessons)."""
    month = func.to_char(func.timezone(timezone, Lesson.starts_at), "YYYY-MM")
    rows = await session.execute(
        select(month, func.coalesce(func.sum(LessonStudent.price_minor), 0), func.count(distinct(Lesson.id)))
        .join(LessonStudent, LessonStudent.lesson_id == Lesson.id)
        .where(Lesson.status == "completed", Lesson.starts_at >= since)
        .group_by(month)
    )
    return {str(key): (int(amount), int(lessons)) for key, amount, lessons in rows.all()}
