"""Shapes of the teacher's screens and the lesson journal."""

import re
from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from ..frontdesk.schemas import StudentRef
from ..schemas import AttendanceStatus, Degraded, Group, Lesson, Money, Slot, TimeOff

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class AvailabilityRule(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start_time: str = Field(description="HH:MM local to `timezone`")
    end_time: str = Field(description="HH:MM local to `timezone`")

    @field_validator("start_time", "end_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        if not TIME.match(value):
            raise ValueError("time must be HH:MM")
        return value


class AvailabilityUpdate(BaseModel):
    timezone: str = Field(min_length=1, max_length=64)
    rules: list[AvailabilityRule] = Field(max_length=200)


class RuleRead(BaseModel):
    weekday: int
    start_time: str
    end_time: str
    effective_from: date | None = None
    effective_to: date | None = None


class AvailabilityException(BaseModel):
    id: UUID
    date: date
    kind: Literal["day_off", "extra"]
    start_time: str | None = None
    end_time: str | None = None


class AvailabilityRead(BaseModel):
    teacher_id: UUID
    timezone: str
    rules: list[RuleRead]
    exceptions: list[AvailabilityException] = Field(default_factory=list)
    time_off: list[TimeOff] = Field(default_factory=list)


class TimeOffCreate(BaseModel):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: str | None = Field(default=None, max_length=500)


class AttendanceMark(BaseModel):
    student_id: UUID
    status: AttendanceStatus


class AttendanceUpdate(BaseModel):
    topic: str | None = Field(default=None, max_length=500)
    homework: str | None = Field(default=None, max_length=4000)
    notes: str | None = Field(default=None, max_length=4000)
    attendance: list[AttendanceMark] = Field(default_factory=list, max_length=100)


class WeekStats(BaseModel):
    lessons: int
    scheduled: int
    completed: int
    cancelled: int
    hours_taught: float = Field(description="Completed lesson hours this week")


class TeacherLesson(Lesson):
    students: list[StudentRef] = Field(
        default_factory=list, description="The roster with names (null names when students-service did not answer)"
    )
    group_name: str | None = Field(default=None, description="The group's name for a group lesson")


class TeacherDashboard(Degraded):
    today: list[TeacherLesson] = Field(description="Every lesson of today (the studio's day), any status")
    upcoming: list[TeacherLesson] = Field(
        default_factory=list, description="Scheduled lessons of the seven days after today, soonest first"
    )
    week_stats: WeekStats
    groups: list[Group]


class TeacherSchedule(Degraded):
    timezone: str | None = Field(description="The teacher's IANA zone; null when calendary did not answer")
    availability: list[Slot] = Field(description="Bookable windows in the range, UTC")
    lessons: list[TeacherLesson]
    time_off: list[TimeOff]


class PayrollLine(BaseModel):
    lesson_id: UUID
    kind: str
    starts_at: datetime
    duration_minutes: int
    students_present: int
    amount_minor: int
    currency: str
    rate_missing: bool


class TeacherPayroll(BaseModel):
    month: str
    lines: list[PayrollLine]
    total: Money
