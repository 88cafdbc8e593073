"""Consumers of other services' events, keyed by event type: a group lesson's attendee list follows
the roster lessons-service keeps, so a member's time is guarded like any booked student's."""

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..rosters import service as roster_service


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class RosterLesson(_Payload):
    calendar_event_id: uuid.UUID | None = None


class LessonRosterChanged(_Payload):
    student_id: uuid.UUID
    change: Literal["added", "removed"]
    lessons: list[RosterLesson]


async def handle_roster_changed(session: AsyncSession, event: Event) -> None:
    data = LessonRosterChanged.model_validate(event.data)
    event_ids = [lesson.calendar_event_id for lesson in data.lessons if lesson.calendar_event_id is not None]
    if data.change == "added":
        await roster_service.add_student(session, event_ids, data.student_id)
    else:
        await roster_service.remove_student(session, event_ids, data.student_id)


HANDLERS: dict[str, EventHandler] = {"lesson.roster_changed": handle_roster_changed}
