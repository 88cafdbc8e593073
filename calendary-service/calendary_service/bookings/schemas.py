"""Request and response shapes of holds and booked events."""

import uuid
from datetime import datetime, timedelta
from typing import Literal, Self

from pydantic import BaseModel, Field, model_validator

from ..availability.schemas import UtcDatetime

EventKind = Literal["individual", "group", "trial"]
EventStatus = Literal["held", "confirmed", "cancelled", "expired"]
MAX_EVENT_LENGTH = timedelta(hours=12)


class _TimeRange(BaseModel):
    starts_at: UtcDatetime
    ends_at: UtcDatetime

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.ends_at - self.starts_at > MAX_EVENT_LENGTH:
            raise ValueError("an event may last at most 12 hours")
        return self


class HoldCreate(_TimeRange):
    teacher_id: uuid.UUID
    room_id: uuid.UUID | None = None
    student_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    kind: EventKind
    hold_seconds: int | None = Field(default=None, ge=1)
    force: bool = Field(default=False, description="Skip availability, notice and horizon (group series, admin moves).")
    lesson_id: uuid.UUID | None = Field(
        default=None,
        description="Book at once for this lesson (chosen by the caller): the event is created confirmed, "
        "in one call instead of a hold and a confirmation.",
    )

    @model_validator(mode="after")
    def _distinct_students(self) -> Self:
        if len(set(self.student_ids)) != len(self.student_ids):
            raise ValueError("student_ids must not repeat")
        return self


class HoldConfirm(BaseModel):
    lesson_id: uuid.UUID


class EventReschedule(_TimeRange):
    force: bool = False
    teacher_id: uuid.UUID | None = Field(
        default=None,
        description="Hand the event to another teacher (a substitution); their hours and time off must cover it.",
    )


class LessonEventRead(BaseModel):
    """A confirmed event booked for a lesson, as the lessons reconciler compares it."""

    id: uuid.UUID
    lesson_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    updated_at: datetime


class EventRead(BaseModel):
    id: uuid.UUID
    status: EventStatus
    kind: EventKind
    teacher_id: uuid.UUID
    room_id: uuid.UUID | None
    student_ids: list[uuid.UUID]
    starts_at: datetime
    ends_at: datetime
    expires_at: datetime | None
    lesson_id: uuid.UUID | None
    sequence: int
