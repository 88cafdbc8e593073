"""Rules for lessons: who sees what, writing a lesson, the cancellation outcome. The booking,
cancelling and moving saga with calendary is in saga.py."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden
from studio_kit.idempotency import fingerprint

from ..config import Settings
from ..database import outbox
from . import repository as lesson_repository
from .errors import (
    LessonNotFound,
    RangeTooLong,
    StudentRequired,
)
from .models import Lesson, LessonStudent
from .schemas import CancelResult, LessonCreate, LessonDetail, LessonRead, Money, Page, RosterEntry

logger = logging.getLogger("lessons_service.lessons")


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def to_read(lesson: Lesson, seats: Sequence[LessonStudent], user: Principal | None = None) -> LessonRead:
    student_view = user is not None and user.role == "student"
    if student_view and user is not None:
        # A student of a group lesson sees their own seat, not who their classmates are.
        seats = [seat for seat in seats if str(seat.student_id) == user.subject]
    return LessonRead(
        id=lesson.id,
        kind=lesson.kind,
        status=lesson.status,
        teacher_id=lesson.teacher_id,
        student_ids=[seat.student_id for seat in seats],
        group_id=lesson.group_id,
        room_id=lesson.room_id,
        starts_at=lesson.starts_at,
        ends_at=lesson.ends_at,
        duration_minutes=lesson.duration_minutes,
        topic=lesson.topic,
        homework=lesson.homework,
        # Teacher notes are for the studio, not for students.
        notes=None if student_view else lesson.notes,
        price_minor=lesson.price_minor,
        currency=lesson.currency,
        calendar_event_id=lesson.calendar_event_id,
        cancelled_at=lesson.cancelled_at,
        late_cancel=lesson.late_cancel,
    )


def to_detail(lesson: Lesson, seats: Sequence[LessonStudent], user: Principal) -> LessonDetail:
    visible = [seat for seat in seats if user.role != "student" or str(seat.student_id) == user.subject]
    return LessonDetail(
        **to_read(lesson, seats, user).model_dump(),
        roster=[
            RosterEntry(student_id=seat.student_id, attendance=seat.attendance, price_minor=seat.price_minor)
            for seat in visible
        ],
        cancelled_by=lesson.cancelled_by,
        cancel_reason=lesson.cancel_reason,
        completed_at=lesson.completed_at,
    )


async def read_lesson(session: AsyncSession, lesson: Lesson, user: Principal | None = None) -> LessonRead:
    seats = (await lesson_repository.list_seats(session, [lesson.id]))[lesson.id]
    return to_read(lesson, seats, user)


def is_staff_of(lesson: Lesson, user: Principal) -> bool:
    return bool(user.role == "admin" or (user.role == "teacher" and str(lesson.teacher_id) == user.subject))


async def get_accessible_lesson(
    session: AsyncSession, lesson_id: uuid.UUID, user: Principal, *, for_update: bool = False
) -> tuple[Lesson, list[LessonStudent]]:
    """The lesson and its seats, if the caller is an admin, its teacher or one of its students."""
    lesson = await lesson_repository.get_lesson(session, lesson_id, for_update=for_update)
    if lesson is None:
        raise LessonNotFound(f"Lesson {lesson_id} does not exist.")
    seats = (await lesson_repository.list_seats(session, [lesson.id]))[lesson.id]
    if is_staff_of(lesson, user):
        return lesson, seats
    if user.role == "student" and any(str(seat.student_id) == user.subject for seat in seats):
        return lesson, seats
    raise Forbidden("This lesson is not yours.")


def scheduled_event(lesson: Lesson, seats: Sequence[LessonStudent]) -> dict[str, object]:
    return {
        "lesson_id": str(lesson.id),
        "kind": lesson.kind,
        "teacher_id": str(lesson.teacher_id),
        "student_ids": [str(seat.student_id) for seat in seats],
        "group_id": str(lesson.group_id) if lesson.group_id else None,
        "starts_at": _iso(lesson.starts_at),
        "ends_at": _iso(lesson.ends_at),
    }


def _request_hash(data: LessonCreate, student_id: uuid.UUID) -> str:
    """What a booking asks for, with the student resolved (a student's own booking names nobody)."""
    canonical = {
        "teacher_id": str(data.teacher_id),
        "starts_at": _iso(data.starts_at),
        "duration_minutes": data.duration_minutes,
        "kind": data.kind,
        "student_id": str(student_id),
    }
    return fingerprint("POST", "/lessons", canonical)


def _booked_student(data: LessonCreate, user: Principal) -> uuid.UUID:
    if user.role == "student":
        if data.student_id is not None and str(data.student_id) != user.subject:
            raise Forbidden("Students book lessons only for themselves.")
        return uuid.UUID(user.subject)
    if user.role == "admin":
        if data.student_id is None:
            raise StudentRequired()
        return data.student_id
    raise Forbidden("Only students and admins book lessons.")


async def _write_lesson(
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
    await outbox.add(session, "lesson.scheduled", scheduled_event(lesson, seats), subject=str(lesson.id))
    return lesson, seats


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
    lesson, seats = await _write_lesson(
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


def _cancel_outcome(lesson: Lesson, seats: Sequence[LessonStudent], user: Principal) -> CancelResult:
    charge = None
    if lesson.late_cancel:
        own = [seat for seat in seats if user.role != "student" or str(seat.student_id) == user.subject]
        amount = sum(seat.price_minor for seat in own)
        if amount:
            charge = Money(amount_minor=amount, currency=lesson.currency)
    return CancelResult(lesson=to_read(lesson, seats, user), late_cancel=lesson.late_cancel, charge=charge)
