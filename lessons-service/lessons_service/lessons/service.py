"""Rules for lessons: writing one with its roster and `lesson.scheduled`, listing them by role.
Who may see a lesson is in access.py, how it reads in mappers.py; booking, cancelling and moving
with calendary (the saga) in saga.py."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..config import Settings
from ..events.published import LessonScheduled, publish
from . import repository as lesson_repository
from .errors import RangeTooLong
from .mappers import to_read
from .models import Lesson, LessonStudent
from .schemas import LessonRead, Page


async def write_lesson(
    session: AsyncSession,
    *,
    lesson_id: uuid.UUID,
    kind: str,
    teacher_id: uuid.UUID,
    group_id: uuid.UUID | None,
    room_id: uuid.UUID | None,
    starts_at: datetime,
    ends_at: datetime,
    price_minor: int,
    currency: str,
    student_ids: Sequence[uuid.UUID],
    calendar_event_id: uuid.UUID | None,
    booked_by: str,
) -> tuple[Lesson, list[LessonStudent]]:
    lesson = Lesson(
        id=lesson_id,
        kind=kind,
        status="scheduled",
        teacher_id=teacher_id,
        group_id=group_id,
        room_id=room_id,
        starts_at=starts_at,
        ends_at=ends_at,
        price_minor=price_minor,
        currency=currency,
        calendar_event_id=calendar_event_id,
        booked_by=booked_by,
        late_cancel=False,
    )
    seats = [
        LessonStudent(lesson_id=lesson_id, student_id=student, price_minor=price_minor)
        for student in sorted(set(student_ids))
    ]
    await lesson_repository.add_lesson(session, lesson, seats)
    await publish(session, scheduled_event(lesson, seats))
    return lesson, seats


def scheduled_event(lesson: Lesson, seats: Sequence[LessonStudent]) -> LessonScheduled:
    return LessonScheduled(
        lesson_id=lesson.id,
        kind=lesson.kind,
        teacher_id=lesson.teacher_id,
        student_ids=[seat.student_id for seat in seats],
        group_id=lesson.group_id,
        starts_at=lesson.starts_at,
        ends_at=lesson.ends_at,
    )


async def write_group_lesson(
    session: AsyncSession,
    *,
    lesson_id: uuid.UUID,
    teacher_id: uuid.UUID,
    group_id: uuid.UUID,
    room_id: uuid.UUID | None,
    starts_at: datetime,
    ends_at: datetime,
    price_minor: int,
    currency: str,
    student_ids: Sequence[uuid.UUID],
    calendar_event_id: uuid.UUID,
    booked_by: str,
) -> LessonRead:
    """Write one group lesson of a series with its roster and `lesson.scheduled`."""
    lesson, seats = await write_lesson(
        session,
        lesson_id=lesson_id,
        kind="group",
        teacher_id=teacher_id,
        group_id=group_id,
        room_id=room_id,
        starts_at=starts_at,
        ends_at=ends_at,
        price_minor=price_minor,
        currency=currency,
        student_ids=student_ids,
        calendar_event_id=calendar_event_id,
        booked_by=booked_by,
    )
    return to_read(lesson, seats)


async def list_lessons(
    session: AsyncSession,
    settings: Settings,
    user: Principal,
    *,
    starts_from: datetime | None,
    starts_to: datetime | None,
    teacher_id: uuid.UUID | None,
    student_id: uuid.UUID | None,
    group_id: uuid.UUID | None,
    status: str | None,
    page: int,
    size: int,
) -> Page[LessonRead]:
    """List lessons: a student sees their own, a teacher the ones they teach, an admin all."""
    if starts_from and starts_to and starts_to - starts_from > timedelta(days=settings.lessons_max_range_days):
        raise RangeTooLong(f"Ask for at most {settings.lessons_max_range_days} days at a time.")
    if user.role == "student":
        if student_id is not None and str(student_id) != user.subject:
            raise Forbidden("Students see only their own lessons.")
        student_id = uuid.UUID(user.subject)
    elif user.role == "teacher":
        if teacher_id is not None and str(teacher_id) != user.subject:
            raise Forbidden("Teachers see only the lessons they teach.")
        teacher_id = uuid.UUID(user.subject)
    elif user.is_service:
        # The bot lists a linked person's lessons: only with the scope, and only for one person.
        if not user.has_scope("lessons:read"):
            raise Forbidden("Missing scope: lessons:read.")
        if student_id is None and teacher_id is None:
            raise Forbidden("A service lists the lessons of one student or teacher at a time.")
    elif user.role != "admin":
        raise Forbidden()
    lessons, total = await lesson_repository.list_lessons(
        session,
        starts_from=starts_from,
        starts_to=starts_to,
        teacher_id=teacher_id,
        student_id=student_id,
        group_id=group_id,
        status=status,
        offset=(page - 1) * size,
        limit=size,
    )
    seats = await lesson_repository.list_seats(session, [lesson.id for lesson in lessons])
    if user.is_service and student_id is not None:
        # Acting for one student, a service sees that student's seat only, like the student would.
        seats = {key: [seat for seat in rows if seat.student_id == student_id] for key, rows in seats.items()}
    return Page[LessonRead](
        items=[to_read(lesson, seats[lesson.id], user) for lesson in lessons], total=total, page=page, size=size
    )
