"""Consumers of other services' events, keyed by event type. Each handler runs inside the inbox
transaction and is idempotent on its business keys too (one payroll line per lesson)."""

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..config import active_settings
from ..payroll import service as payroll_service
from ..payroll.schemas import LessonCompleted
from ..teachers import service as teacher_service
from ..teachers.schemas import FeedbackReceived


async def handle_lesson_completed(session: AsyncSession, event: Event) -> None:
    settings = active_settings()
    await payroll_service.record_lesson(
        session,
        LessonCompleted.model_validate(event.data),
        settings.teachers_currency,
        settings.teachers_studio_timezone,
    )


async def handle_feedback_received(session: AsyncSession, event: Event) -> None:
    await teacher_service.record_feedback(session, FeedbackReceived.model_validate(event.data))


HANDLERS: dict[str, EventHandler] = {
    "lesson.completed": handle_lesson_completed,
    "feedback.received": handle_feedback_received,
}
