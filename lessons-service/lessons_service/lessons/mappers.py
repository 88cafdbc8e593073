"""Lessons as their readers see them: a student sees their own seat and no teacher notes."""

from __future__ import annotations

from collections.abc import Sequence

from studio_kit.auth import Principal

from .models import Lesson, LessonStudent
from .schemas import CancelResult, LessonDetail, LessonRead, Money, RosterEntry


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


def cancel_outcome(lesson: Lesson, seats: Sequence[LessonStudent], user: Principal) -> CancelResult:
    charge = None
    if lesson.late_cancel:
        own = [seat for seat in seats if user.role != "student" or str(seat.student_id) == user.subject]
        amount = sum(seat.price_minor for seat in own)
        if amount:
            charge = Money(amount_minor=amount, currency=lesson.currency)
    return CancelResult(lesson=to_read(lesson, seats, user), late_cancel=lesson.late_cancel, charge=charge)
