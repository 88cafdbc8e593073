"""The dashboard reads: the same access rules as the lesson list, fewer round trips."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..config import Settings
from ..lessons import service as lesson_service
from ..lessons.errors import RangeTooLong
from . import repository as overview_repository
from .schemas import AttendanceSummary, StudentLessonOverview

HOMEWORK_LESSONS = 50


async def student_overview(
    session: AsyncSession,
    settings: Settings,
    user: Principal,
    student_id: uuid.UUID,
    *,
    upcoming: int,
    upcoming_days: int,
    homework_days: int,
) -> StudentLessonOverview:
    """The student's next scheduled lessons and the homework of their recently completed ones: the
    student's own dashboard (or an admin's view of it), so anyone else is refused outright rather
    than answered with an empty overview."""
    if not (user.role in ("admin", "service") or (user.role == "student" and user.subject == str(student_id))):
        raise Forbidden("This overview is the student's own.")
    now = datetime.now(UTC)
    ahead = await lesson_service.list_lessons(
        session,
        settings,
        user,
        starts_from=now,
        starts_to=now + timedelta(days=upcoming_days),
        status="scheduled",
        size=upcoming,
        teacher_id=None,
        student_id=student_id,
        group_id=None,
        page=1,
    )
    past = await lesson_service.list_lessons(
        session,
        settings,
        user,
        starts_from=now - timedelta(days=homework_days),
        starts_to=now,
        status="completed",
        size=HOMEWORK_LESSONS,
        teacher_id=None,
        student_id=student_id,
        group_id=None,
        page=1,
    )
    homework = sorted((lesson for lesson in past.items if lesson.homework), key=lambda lesson: lesson.starts_at)
    return StudentLessonOverview(upcoming=ahead.items, homework=homework[::-1])


async def attendance_summary(
    session: AsyncSession, settings: Settings, start: datetime, end: datetime
) -> AttendanceSummary:
    """Seats of the completed lessons in [start, end): charged ones and attended ones."""
    if end - start > timedelta(days=settings.lessons_max_range_days):
        raise RangeTooLong(f"Ask for at most {settings.lessons_max_range_days} days at a time.")
    lessons, charged, attended = await overview_repository.attendance_summary(session, start, end)
    return AttendanceSummary(lessons=lessons, charged_seats=charged, attended_seats=attended)
