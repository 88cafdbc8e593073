"""SQL of the attendance export, streamed through a server-side cursor (`yield_per`)."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
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
