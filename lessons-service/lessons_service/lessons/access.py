"""Who may see or change a lesson: an admin, its teacher, or (to read and cancel) one of its students."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from . import repository as lesson_repository
from .errors import LessonNotFound
from .models import Lesson, LessonStudent


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
