"""Shapes of the group timetable and waitlist offers (API.md "Front desk")."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from ..frontdesk.schemas import CalendarLesson
from ..schemas import GroupSchedule, Level


class SkippedSession(BaseModel):
    starts_at: datetime
    code: str = Field(description="closed_day, slot_taken, room_taken, …")
    detail: str


class ActivationResult(BaseModel):
    lessons_created: int
    lessons_cancelled: int = 0
    skipped: list[SkippedSession] = Field(default_factory=list)


class GroupUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    level: Level | None = None
    capacity: int | None = Field(default=None, gt=0, le=100)
    room_id: UUID | None = None
    schedule: GroupSchedule | None = None
    ends_on: date | None = None
    status: Literal["forming", "active", "finished", "archived"] | None = None
    price_per_lesson_minor: int | None = Field(default=None, ge=0, le=100_000_000)


class GroupLessons(BaseModel):
    lessons: list[CalendarLesson]


class WaitlistAdd(BaseModel):
    student_id: UUID


class WaitlistPlace(BaseModel):
    group_id: UUID
    student_id: UUID
    position: int
    added_at: datetime


class ClosedDay(BaseModel):
    date: date
    reason: str | None = Field(default=None, max_length=200)


class WaitlistOffer(BaseModel):
    group_id: UUID
    group_name: str
    level: str
    teacher_id: UUID
    schedule: GroupSchedule
    starts_on: date
    offered_at: datetime
    expires_at: datetime
