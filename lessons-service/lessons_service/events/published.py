"""Events lessons-service publishes with a typed payload (docs/events.md), written through the outbox."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, PlainSerializer
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import PublishedEvent

from ..database import outbox

# Times go out as RFC 3339 in UTC with an explicit offset ("+00:00"), as they always have.
UtcTime = Annotated[datetime, PlainSerializer(lambda value: value.astimezone(UTC).isoformat(), when_used="json")]


class LessonScheduled(PublishedEvent):
    event_type: ClassVar[str] = "lesson.scheduled"
    subject_field: ClassVar[str | None] = "lesson_id"

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID]
    group_id: uuid.UUID | None
    starts_at: UtcTime
    ends_at: UtcTime


class LessonRescheduled(PublishedEvent):
    """Moved, or given to another teacher at the same time (then `old_starts_at == starts_at`)."""

    event_type: ClassVar[str] = "lesson.rescheduled"
    subject_field: ClassVar[str | None] = "lesson_id"

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID]
    old_starts_at: UtcTime
    starts_at: UtcTime
    ends_at: UtcTime


class Charge(BaseModel):
    student_id: uuid.UUID
    amount_minor: int


class LessonCancelled(PublishedEvent):
    """`charges` is empty unless the cancel is late (docs/events.md, charging rule)."""

    event_type: ClassVar[str] = "lesson.cancelled"
    subject_field: ClassVar[str | None] = "lesson_id"

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID]
    starts_at: UtcTime
    late_cancel: bool
    cancelled_by: str
    reason: str | None
    charges: list[Charge]


class Attendance(BaseModel):
    student_id: uuid.UUID
    status: str
    price_minor: int


class LessonCompleted(PublishedEvent):
    event_type: ClassVar[str] = "lesson.completed"
    subject_field: ClassVar[str | None] = "lesson_id"

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    group_id: uuid.UUID | None
    starts_at: UtcTime
    ends_at: UtcTime
    duration_minutes: int
    attendance: list[Attendance]


class FeedbackReceived(PublishedEvent):
    event_type: ClassVar[str] = "feedback.received"
    subject_field: ClassVar[str | None] = "lesson_id"

    lesson_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    rating: int
    comment: str | None


class RosterLesson(BaseModel):
    lesson_id: uuid.UUID
    calendar_event_id: uuid.UUID | None
    starts_at: UtcTime


class LessonRosterChanged(PublishedEvent):
    """A group member joined (`added`) or left (`removed`) the group's future scheduled lessons."""

    event_type: ClassVar[str] = "lesson.roster_changed"
    subject_field: ClassVar[str | None] = "group_id"

    group_id: uuid.UUID
    student_id: uuid.UUID
    change: Literal["added", "removed"]
    lessons: list[RosterLesson]


async def publish(
    session: AsyncSession,
    payload: LessonScheduled | LessonRescheduled | LessonCancelled | LessonCompleted | FeedbackReceived,
) -> None:
    """Write the event into the caller's transaction, keyed by the lesson."""
    await outbox.add(session, payload)
