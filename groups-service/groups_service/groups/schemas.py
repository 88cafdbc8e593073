"""Group schemas: GroupCreate, GroupUpdate, GroupRead and Page[GroupRead]."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from studio_kit.types import Page as Page
from studio_kit.types import check_timezone

Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
GroupStatus = Literal["forming", "active", "finished", "archived"]


class ScheduleSlot(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start_time: time = Field(description="Local time in the schedule's timezone, HH:MM")
    duration_minutes: int = Field(ge=15, le=240)


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: str = Field(min_length=1, max_length=64, description="IANA timezone, e.g. Europe/Moscow")
    slots: list[ScheduleSlot] = Field(default_factory=list, max_length=14)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return check_timezone(value)


class GroupBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    level: Level
    teacher_id: uuid.UUID
    capacity: int = Field(gt=0, le=100)
    room_id: uuid.UUID | None = None
    schedule: Schedule
    starts_on: date
    ends_on: date | None = None
    price_per_lesson_minor: int = Field(ge=0, le=100_000_000)
    currency: Literal["RUB"] = "RUB"


class GroupCreate(GroupBase):
    status: GroupStatus = "forming"

    @model_validator(mode="after")
    def _dates_ordered(self) -> GroupCreate:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class GroupUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=120)
    level: Level | None = None
    teacher_id: uuid.UUID | None = None
    capacity: int | None = Field(default=None, gt=0, le=100)
    room_id: uuid.UUID | None = None
    schedule: Schedule | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    status: GroupStatus | None = None
    price_per_lesson_minor: int | None = Field(default=None, ge=0, le=100_000_000)


class GroupRead(GroupBase):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    status: GroupStatus
    members_count: int
    waitlist_count: int
