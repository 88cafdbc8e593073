"""Rules for lessons: the booking saga, who sees what, the cancellation policy, rescheduling."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import Database, utcnow
from studio_kit.errors import Forbidden

from ..clients import Calendary, Hold
from ..config import Settings
from ..database import outbox
from ..prices import service as price_service
from . import repository as lesson_repository
from .errors import (
    BookingFailed,
    IdempotencyKeyReused,
    LessonAlreadyStarted,
    LessonNotFound,
    LessonNotScheduled,
    RangeTooLong,
    StartsInPast,
    StudentRequired,
    TooLateToReschedule,
    TrialAlreadyUsed,
)
from .models import BookingRecord, Lesson, LessonStudent
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
    canonical = {
        "teacher_id": str(data.teacher_id),
        "starts_at": _iso(data.starts_at),
        "duration_minutes": data.duration_minutes,
        "kind": data.kind,
        "student_id": str(student_id),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


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


async def book_lesson(
    database: Database,
    calendary: Calendary,
    settings: Settings,
    data: LessonCreate,
    user: Principal,
    idempotency_key: str,
) -> tuple[LessonRead, bool]:
    """Book an individual or trial lesson: hold in calendary, write the lesson and its event in one
    transaction, confirm the hold; release the hold when anything after it fails. Returns the
    lesson and whether it is a replay of an earlier answer to the same Idempotency-Key."""
    student_id = _booked_student(data, user)
    request_hash = _request_hash(data, student_id)
    hold: Hold | None = None
    async with database.sessionmaker() as session:
        try:
            await lesson_repository.lock_key(session, f"booking:{user.subject}:{idempotency_key}")
            record = await lesson_repository.get_booking_record(session, user.subject, idempotency_key)
            if record is not None:
                if record.request_hash != request_hash:
                    raise IdempotencyKeyReused()
                replay = LessonRead.model_validate(record.response)
                await session.rollback()
                return replay, True

            starts_at = data.starts_at.astimezone(UTC)
            ends_at = starts_at + timedelta(minutes=data.duration_minutes)
            if starts_at <= utcnow():
                raise StartsInPast()
            if data.kind == "trial" and await lesson_repository.count_student_lessons(
                session, student_id, kind="trial", exclude_status="cancelled"
            ):
                raise TrialAlreadyUsed()
            lesson_id = uuid.uuid4()
            # The price in force on the lesson's date is stored on it: a later price change never rewrites it.
            price = (
                await price_service.quote(session, settings, data.kind, data.duration_minutes, starts_at)
            ).amount_minor

            hold = await calendary.hold(
                teacher_id=data.teacher_id,
                starts_at=starts_at,
                ends_at=ends_at,
                student_ids=[student_id],
                kind=data.kind,
                room_id=None,
                hold_seconds=settings.lessons_hold_seconds,
                # A fresh key per attempt: a released hold must never be replayed to a retry.
                idempotency_key=f"lesson:{lesson_id}",
            )
            try:
                lesson, seats = await _write_lesson(
                    session,
                    lesson_id=lesson_id,
                    kind=data.kind,
                    teacher_id=data.teacher_id,
                    group_id=None,
                    room_id=None,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    price_minor=price,
                    currency=settings.lessons_currency,
                    student_ids=[student_id],
                    calendar_event_id=hold.id,
                    booked_by=user.subject,
                )
                read = to_read(lesson, seats)
                await lesson_repository.add_booking_record(
                    session,
                    BookingRecord(
                        principal=user.subject,
                        idempotency_key=idempotency_key,
                        request_hash=request_hash,
                        lesson_id=lesson.id,
                        response=read.model_dump(mode="json"),
                    ),
                )
            except SQLAlchemyError as exc:
                logger.exception("lesson write failed after the hold; releasing it")
                raise BookingFailed() from exc
            await calendary.confirm(hold.id, lesson.id)
            try:
                await session.commit()
            except SQLAlchemyError as exc:
                logger.exception("lesson commit failed after the hold was confirmed; releasing it")
                raise BookingFailed() from exc
            hold = None
            return read, False
        except BaseException:
            await session.rollback()
            if hold is not None:
                await calendary.release(hold.id)
            raise


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


async def cancel_lesson(
    session: AsyncSession,
    calendary: Calendary,
    settings: Settings,
    lesson_id: uuid.UUID,
    user: Principal,
    reason: str | None,
) -> CancelResult:
    """Cancel a lesson under the studio policy: a student's cancel inside the notice is late and
    charged; a teacher's or an admin's never is. Cancelling again returns the first outcome."""
    lesson, seats = await get_accessible_lesson(session, lesson_id, user, for_update=True)
    if lesson.status == "cancelled":
        return _cancel_outcome(lesson, seats, user)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    now = utcnow()
    late = False
    if user.role == "student":
        if lesson.kind == "group":
            raise Forbidden("A group lesson is cancelled by the studio; tell your teacher you will miss it.")
        if lesson.starts_at <= now:
            raise LessonAlreadyStarted()
        late = lesson.starts_at - now < timedelta(hours=settings.lessons_cancel_notice_hours)
    lesson.status = "cancelled"
    lesson.cancelled_at = now
    lesson.cancelled_by = user.role
    lesson.cancel_reason = reason
    lesson.late_cancel = late
    await session.flush()
    charges = [
        {"student_id": str(seat.student_id), "amount_minor": seat.price_minor}
        for seat in seats
        if late and seat.price_minor > 0
    ]
    await outbox.add(
        session,
        "lesson.cancelled",
        {
            "lesson_id": str(lesson.id),
            "kind": lesson.kind,
            "teacher_id": str(lesson.teacher_id),
            "student_ids": [str(seat.student_id) for seat in seats],
            "starts_at": _iso(lesson.starts_at),
            "late_cancel": late,
            "cancelled_by": user.role,
            "reason": reason,
            "charges": charges,
        },
        subject=str(lesson.id),
    )
    # Calendary's cancel is idempotent, so a retry after a failed commit is harmless; the slot is
    # freed before our commit so a failure here leaves the lesson booked, never half-cancelled.
    if lesson.calendar_event_id is not None:
        await calendary.cancel(lesson.calendar_event_id)
    return _cancel_outcome(lesson, seats, user)


async def reschedule_lesson(
    session: AsyncSession,
    calendary: Calendary,
    settings: Settings,
    lesson_id: uuid.UUID,
    user: Principal,
    starts_at: datetime,
) -> LessonRead:
    """Move a lesson: calendary moves the booking atomically (409 when the new slot is taken)."""
    lesson, seats = await get_accessible_lesson(session, lesson_id, user, for_update=True)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    now = utcnow()
    new_start = starts_at.astimezone(UTC)
    if new_start <= now:
        raise StartsInPast()
    if user.role == "student":
        if lesson.kind == "group":
            raise Forbidden("Group lessons are moved by the studio.")
        if lesson.starts_at - now < timedelta(hours=settings.lessons_cancel_notice_hours):
            raise TooLateToReschedule()
    new_end = new_start + (lesson.ends_at - lesson.starts_at)
    old_start = lesson.starts_at
    if lesson.calendar_event_id is not None:
        await calendary.reschedule(lesson.calendar_event_id, new_start, new_end)
    lesson.starts_at, lesson.ends_at = new_start, new_end
    await session.flush()
    await outbox.add(
        session,
        "lesson.rescheduled",
        {
            "lesson_id": str(lesson.id),
            "kind": lesson.kind,
            "teacher_id": str(lesson.teacher_id),
            "student_ids": [str(seat.student_id) for seat in seats],
            "old_starts_at": _iso(old_start),
            "starts_at": _iso(new_start),
            "ends_at": _iso(new_end),
        },
        subject=str(lesson.id),
    )
    return to_read(lesson, seats, user)
