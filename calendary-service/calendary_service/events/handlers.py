"""Handlers of other services' events, one per model in consumed.py: a group lesson's attendee list
follows the roster lessons-service keeps, so a member's time is guarded like any booked student's."""

from studio_kit.messaging import EventContext, EventHandlers

from ..config import Settings
from ..rosters import service as roster_service
from .consumed import LessonRosterChanged

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


@HANDLERS.on(LessonRosterChanged)
async def handle_roster_changed(event: LessonRosterChanged, context: Context) -> None:
    event_ids = [lesson.calendar_event_id for lesson in event.lessons if lesson.calendar_event_id is not None]
    if event.change == "added":
        await roster_service.add_student(context.session, event_ids, event.student_id)
    else:
        await roster_service.remove_student(context.session, event_ids, event.student_id)
