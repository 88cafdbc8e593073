"""Handlers of other services' events, one per consumed model. Each runs inside the inbox
transaction and is idempotent on its business keys too (one payroll line per lesson)."""

from studio_kit.messaging import EventContext, EventHandlers

from ..config import Settings
from ..payroll import service as payroll_service
from ..teachers import service as teacher_service
from .consumed import FeedbackReceived, LessonCompleted

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


@HANDLERS.on(LessonCompleted)
async def handle_lesson_completed(event: LessonCompleted, context: Context) -> None:
    settings = context.settings
    await payroll_service.record_lesson(
        context.session, event, settings.teachers_currency, settings.teachers_studio_timezone
    )


@HANDLERS.on(FeedbackReceived)
async def handle_feedback_received(event: FeedbackReceived, context: Context) -> None:
    await teacher_service.record_feedback(context.session, event)
