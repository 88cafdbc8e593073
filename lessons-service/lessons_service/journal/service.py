"""Rules of the journal: marks only for the roster, completion only when everyone is marked,
`lesson.completed` carrying each student's mark and price."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import utcnow
from studio_kit.errors import Forbidden

from ..config import Settings
from ..database import audit
from ..events.published import Attendance, LessonCompleted, publish
from ..lessons import access as lesson_access
from ..lessons import repository as lesson_repository
from ..lessons.errors import LessonNotScheduled, RangeTooLong
from ..lessons.mappers import to_detail
from ..lessons.schemas import LessonDetail
from .errors import AttendanceMissing, DuplicateStudent, LessonNotStarted, NotOnRoster
from .schemas import AttendanceUpdate, JournalCell, JournalDate, JournalMatrix

# Only these marks are charged: the seat was held for the student.
UNCHARGED = frozenset({"excused"})


async def update_attendance(
    session: AsyncSession, lesson_id: uuid.UUID, user: Principal, data: AttendanceUpdate
) -> LessonDetail:
    """Record marks, topic, homework and notes (the lesson's teacher or an admin)."""
    lesson, seats = await lesson_access.get_accessible_lesson(session, lesson_id, user, for_update=True)
    if not lesson_access.is_staff_of(lesson, user):
        raise Forbidden("Only the lesson's teacher or an admin keeps its journal.")
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}; its journal is closed.")
    marked = [mark.student_id for mark in data.attendance]
    if len(set(marked)) != len(marked):
        raise DuplicateStudent()
    by_student = {seat.student_id: seat for seat in seats}
    strangers = [student for student in marked if student not in by_student]
    if strangers:
        raise NotOnRoster(student_ids=[str(student) for student in strangers])
    now = utcnow()
    for mark in data.attendance:
        seat = by_student[mark.student_id]
        seat.attendance = mark.status
        seat.marked_at = now
    for field in ("topic", "homework", "notes"):
        if field in data.model_fields_set:
            setattr(lesson, field, getattr(data, field))
    await session.flush()
    summary = {
        "attendance": {str(mark.student_id): mark.status for mark in data.attendance},
        "fields": sorted(field for field in ("topic", "homework", "notes") if field in data.model_fields_set),
    }
    await audit.record(session, user, "attendance.marked", ("lesson", lesson.id), summary)
    return to_detail(lesson, seats, user)


async def complete_lesson(session: AsyncSession, lesson_id: uuid.UUID, user: Principal) -> LessonDetail:
    """Complete a lesson and publish each student's attendance and price; completing twice is a no-op."""
    lesson, seats = await lesson_access.get_accessible_lesson(session, lesson_id, user, for_update=True)
    if not lesson_access.is_staff_of(lesson, user):
        raise Forbidden("Only the lesson's teacher or an admin completes it.")
    if lesson.status == "completed":
        return to_detail(lesson, seats, user)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    now = utcnow()
    if lesson.starts_at > now:
        raise LessonNotStarted()
    missing = [str(seat.student_id) for seat in seats if seat.attendance is None]
    if missing or not seats:
        raise AttendanceMissing(missing_student_ids=missing)
    lesson.status = "completed"
    lesson.completed_at = now
    await session.flush()
    await publish(
        session,
        LessonCompleted(
            lesson_id=lesson.id,
            kind=lesson.kind,
            teacher_id=lesson.teacher_id,
            group_id=lesson.group_id,
            starts_at=lesson.starts_at,
            ends_at=lesson.ends_at,
            duration_minutes=lesson.duration_minutes,
            attendance=[
                Attendance(
                    student_id=seat.student_id,
                    status=seat.attendance or "",
                    price_minor=0 if seat.attendance in UNCHARGED else seat.price_minor,
                )
                for seat in seats
            ],
        ),
    )
    summary = {"attendance": {str(seat.student_id): seat.attendance for seat in seats}}
    await audit.record(session, user, "lesson.completed", ("lesson", lesson.id), summary)
    return to_detail(lesson, seats, user)


async def group_journal(
    session: AsyncSession,
    settings: Settings,
    group_id: uuid.UUID,
    user: Principal,
    starts_from: datetime,
    starts_to: datetime,
) -> JournalMatrix:
    """Students by lesson dates of a group; a teacher sees the lessons they teach."""
    if starts_to - starts_from > timedelta(days=settings.lessons_max_range_days):
        raise RangeTooLong(f"Ask for at most {settings.lessons_max_range_days} days at a time.")
    if user.role == "admin":
        teacher_id = None
    elif user.role == "teacher":
        teacher_id = uuid.UUID(user.subject)
    else:
        raise Forbidden("The journal is for teachers and admins.")
    lessons, _ = await lesson_repository.list_lessons(
        session,
        starts_from=starts_from,
        starts_to=starts_to,
        teacher_id=teacher_id,
        student_id=None,
        group_id=group_id,
        status=None,
        offset=0,
        limit=1000,
    )
    seats = await lesson_repository.list_seats(session, [lesson.id for lesson in lessons])
    students = sorted({seat.student_id for lesson_seats in seats.values() for seat in lesson_seats}, key=str)
    return JournalMatrix(
        group_id=group_id,
        students=students,
        dates=[
            JournalDate(lesson_id=lesson.id, starts_at=lesson.starts_at, status=lesson.status, topic=lesson.topic)
            for lesson in lessons
        ],
        cells=[
            JournalCell(student_id=seat.student_id, lesson_id=lesson.id, status=seat.attendance)
            for lesson in lessons
            for seat in seats[lesson.id]
        ],
    )
