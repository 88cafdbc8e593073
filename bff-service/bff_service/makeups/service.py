"""Make-up credits: students-service keeps them; the BFF checks the lesson is the student's own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..downstream import Caller
from .errors import LessonNotForMakeup, MakeupCreditUnavailable
from .schemas import MakeupCredit, MakeupCredits, MakeupPolicy


async def get_policy(caller: Caller) -> MakeupPolicy:
    return await StudentsClient(caller).makeup_policy()


async def set_policy(caller: Caller, data: dict[str, Any]) -> MakeupPolicy:
    return await StudentsClient(caller).set_makeup_policy(data)


async def list_credits(caller: Caller, student_id: str) -> MakeupCredits:
    return await StudentsClient(caller).makeup_credits(student_id)


async def use_credit(caller: Caller, student_id: str, lesson_id: str) -> MakeupCredit:
    """Pay an upcoming lesson of the student with their oldest make-up credit (again: the same credit)."""
    lesson = await LessonsClient(caller).get_lesson(lesson_id)
    if (
        UUID(student_id) not in lesson.student_ids
        or lesson.status != "scheduled"
        or lesson.starts_at <= datetime.now(UTC)
    ):
        raise LessonNotForMakeup()
    return await StudentsClient(caller).use_makeup_credit(student_id, lesson_id)


async def ensure_credit_left(caller: Caller, student_id: str, teacher_id: str, starts_at: datetime) -> None:
    """Before a booking that asks for a credit: refuse at once when none is left, unless a credit
    already pays for this very lesson (the booking's replay under its Idempotency-Key)."""
    credits = await list_credits(caller, student_id)
    if credits.available > 0:
        return
    for item in credits.items:
        if item.status != "reserved" or item.used_lesson_id is None:
            continue
        lesson = await LessonsClient(caller).get_lesson(str(item.used_lesson_id))
        if str(lesson.teacher_id) == teacher_id and lesson.starts_at == starts_at:
            return
    raise MakeupCreditUnavailable()


async def hold_credit(caller: Caller, student_id: str, lesson_id: str) -> MakeupCredit:
    """Right after booking: the new lesson is the student's own, so no lesson check is needed."""
    return await StudentsClient(caller).use_makeup_credit(student_id, lesson_id)
