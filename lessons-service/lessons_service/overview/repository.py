"""SQL of the dashboard reads."""

from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..lessons.models import Lesson, LessonStudent

CHARGED = ("present", "late", "absent")
ATTENDED = ("present", "late")


async def attendance_summary(session: AsyncSession, start: datetime, end: datetime) -> tuple[int, int, int]:
    """(completed lessons, charged seats, attended seats) of the lessons starting in [start, end)."""
    row = (
        await session.execute(
            select(
                func.count(distinct(Lesson.id)),
                func.count(LessonStudent.student_id).filter(LessonStudent.attendance.in_(CHARGED)),
                func.count(LessonStudent.student_id).filter(LessonStudent.attendance.in_(ATTENDED)),
            )
            .select_from(Lesson)
            .outerjoin(LessonStudent, LessonStudent.lesson_id == Lesson.id)
            .where(Lesson.status == "completed", Lesson.starts_at >= start, Lesson.starts_at < end)
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])
