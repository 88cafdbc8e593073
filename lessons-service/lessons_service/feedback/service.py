"""Rules of feedback: a student of a completed lesson rates it once; the teacher hears of it."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import utcnow
from studio_kit.errors import Forbidden

from ..events.published import FeedbackReceived, publish
from ..journal.errors import NotOnRoster
from ..lessons import repository as lesson_repository
from ..lessons.errors import LessonNotFound
from . import repository as feedback_repository
from .errors import FeedbackExists, LessonNotCompleted
from .models import Feedback
from .schemas import FeedbackCreate, FeedbackRead


async def leave_feedback(
    session: AsyncSession, lesson_id: uuid.UUID, student_id: uuid.UUID, data: FeedbackCreate
) -> FeedbackRead:
    """Record a student's rating of a completed lesson, once, and publish `feedback.received`."""
    lesson = await lesson_repository.get_lesson(session, lesson_id)
    if lesson is None:
        raise LessonNotFound(f"Lesson {lesson_id} does not exist.")
    seats = (await lesson_repository.list_seats(session, [lesson.id]))[lesson.id]
    if student_id not in {seat.student_id for seat in seats}:
        raise NotOnRoster("The student was not on this lesson.", student_ids=[str(student_id)])
    if lesson.status != "completed":
        raise LessonNotCompleted()
    feedback = await feedback_repository.add_feedback_once(
        session,
        Feedback(
            id=uuid.uuid4(),
            lesson_id=lesson.id,
            student_id=student_id,
            rating=data.rating,
            comment=data.comment,
            created_at=utcnow(),
        ),
    )
    if feedback is None:
        raise FeedbackExists()
    await publish(
        session,
        FeedbackReceived(
            lesson_id=lesson.id,
            student_id=student_id,
            teacher_id=lesson.teacher_id,
            rating=feedback.rating,
            comment=feedback.comment,
        ),
    )
    return FeedbackRead.model_validate(feedback)


async def leave_own_feedback(
    session: AsyncSession, lesson_id: uuid.UUID, user: Principal, data: FeedbackCreate
) -> FeedbackRead:
    """A student rates their own lesson."""
    if user.role != "student":
        raise Forbidden("Feedback comes from the lesson's students.")
    return await leave_feedback(session, lesson_id, uuid.UUID(user.subject), data)
