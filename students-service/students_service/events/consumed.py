"""The parts of other services' events students-service reads: only the fields its handlers use,
each a field the publisher sends (docs/events.md; the contract test checks)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from studio_kit.messaging import ConsumedEvent

from ..leads.schemas import TrialRequest


class Attendance(BaseModel):
    model_config = ConfigDict(extra="ignore")

    student_id: uuid.UUID
    status: str
    price_minor: int = Field(default=0, ge=0)


class LessonCompleted(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.completed"

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    starts_at: datetime
    attendance: list[Attendance] = Field(default_factory=list)


class Charge(BaseModel):
    model_config = ConfigDict(extra="ignore")

    student_id: uuid.UUID
    amount_minor: int = Field(ge=0)


class LessonCancelled(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.cancelled"

    lesson_id: uuid.UUID
    kind: str
    starts_at: datetime
    student_ids: list[uuid.UUID] = Field(default_factory=list)
    late_cancel: bool = False
    cancelled_by: str | None = None
    charges: list[Charge] = Field(default_factory=list)


class LessonScheduled(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.scheduled"

    lesson_id: uuid.UUID
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID] = Field(default_factory=list)


class GroupMemberAdded(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_added"

    group_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID | None = None


class GroupMemberRemoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_removed"

    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberMoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_moved"

    student_id: uuid.UUID
    from_group_id: uuid.UUID
    to_group_id: uuid.UUID
    teacher_id: uuid.UUID | None = None


class TrialRequested(ConsumedEvent, TrialRequest):
    """tg-bot's trial form, read as leads.schemas.TrialRequest (what a lead is made from)."""

    event_type: ClassVar[str] = "trial.requested"
