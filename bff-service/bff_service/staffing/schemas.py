"""Shapes of staffing: time off with its clashes, substitution, date exceptions, a teacher's hours."""

import re
from datetime import date
from typing import Literal, Self
from uuid import UUID

from pydantic import BaseModel, Field, field_validator, model_validator

from ..frontdesk.schemas import CalendarLesson
from ..schemas import TimeOff

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class TimeOffResult(BaseModel):
    time_off: TimeOff
    clashes: list[CalendarLesson] = Field(description="Scheduled lessons the time off overlaps, earliest first")


class Clashes(BaseModel):
    clashes: list[CalendarLesson] = Field(description="Scheduled lessons inside the teacher's upcoming time off")


class SubstituteRequest(BaseModel):
    teacher_id: UUID


class ExceptionCreate(BaseModel):
    date: date
    available: bool = Field(description="false: closed (the whole day, or start-end only); true: extra hours")
    start_time: str | None = Field(default=None, description="HH:MM local to the teacher's zone")
    end_time: str | None = Field(default=None, description="HH:MM local to the teacher's zone")

    @field_validator("start_time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str | None) -> str | None:
        if value is not None and not TIME.match(value):
            raise ValueError("time must be HH:MM")
        return value

    @model_validator(mode="after")
    def _times(self) -> Self:
        if (self.start_time is None) != (self.end_time is None):
            raise ValueError("give both start_time and end_time, or neither")
        if self.available and self.start_time is None:
            raise ValueError("extra hours need start_time and end_time")
        if self.start_time is not None and self.end_time is not None and self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class ExceptionRead(BaseModel):
    id: UUID
    date: date
    available: bool
    kind: Literal["day_off", "extra"]
    start_time: str | None = None
    end_time: str | None = None
