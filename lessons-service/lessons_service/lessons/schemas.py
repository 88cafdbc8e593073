"""Lesson schemas: LessonCreate, LessonRead, LessonDetail, Page[LessonRead], cancel and reschedule."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from studio_kit.types import Page as Page

LessonKind = Literal["individual", "group", "trial"]
LessonStatus = Literal["scheduled", "completed", "cancelled", "no_show"]
AttendanceStatus = Literal["present", "absent", "late", "excused"]


class LessonCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    teacher_id: uuid.UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(ge=15, le=240, multiple_of=5)
    kind: Literal["individual", "trial"] = "individual"
    student_id: uuid.UUID | None = Field(
        default=None, description="Required when an admin books; a student books for themself"
    )


class LessonRead(BaseModel):
    id: uuid.UUID
    kind: LessonKind
    status: LessonStatus
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID]
    group_id: uuid.UUID | None
    room_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    topic: str | None
    homework: str | None
    notes: str | None = Field(description="Teacher notes; hidden from students")
    price_minor: int
    currency: str
    calendar_event_id: uuid.UUID | None
    cancelled_at: datetime | None
    late_cancel: bool


class RosterEntry(BaseModel):
    student_id: uuid.UUID
    attendance: AttendanceStatus | None
    price_minor: int


class LessonDetail(LessonRead):
    roster: list[RosterEntry]
    cancelled_by: str | None
    cancel_reason: str | None
    completed_at: datetime | None


class CancelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=500)
    charge: bool | None = Field(
        default=None,
        description="Admins only: charge the students when the cancel falls inside the notice (default: no)",
    )


class Money(BaseModel):
    amount_minor: int
    currency: str


class CancelResult(BaseModel):
    lesson: LessonRead
    late_cancel: bool
    charge: Money | None


class SubstituteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    teacher_id: uuid.UUID


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_at: AwareDatetime
