"""Shapes of the front desk: the studio calendar, booking for a student, moving a lesson."""

from dataclasses import dataclass
from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from ..schemas import Degraded, Lesson, Room, Slot, TeacherCard, TimeOff


class StudentRef(BaseModel):
    id: UUID
    first_name: str | None = None
    last_name: str | None = None


class CalendarLesson(Lesson):
    students: list[StudentRef] = Field(default_factory=list, description="The roster with names, in roster order")


class TeacherTimeOff(TimeOff):
    teacher_id: UUID


class WorkingHours(Slot):
    teacher_id: UUID


class StudioClosedDay(BaseModel):
    date: date
    reason: str | None = None


class StudioCalendar(Degraded):
    teachers: list[TeacherCard] = Field(description="Every active teacher (one column each), filters applied")
    rooms: list[Room]
    lessons: list[CalendarLesson] = Field(description="Every lesson starting in the range, cancelled ones included")
    time_off: list[TeacherTimeOff]
    availability: list[WorkingHours] = Field(description="Each teacher's working hours in the range (UTC instants)")
    closed_days: list[StudioClosedDay] = Field(
        default_factory=list, description="The studio's closed days (holidays) touching the range, a day either side"
    )


@dataclass(frozen=True)
class CalendarFilters:
    """What the studio calendar is narrowed to (ids as strings; None: everything)."""

    teacher_id: str | None = None
    room_id: str | None = None
    group_id: str | None = None


class FrontDeskBooking(BaseModel):
    student_id: UUID
    teacher_id: UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(default=60, ge=15, le=240)
    kind: Literal["individual", "trial"] = "individual"


class LessonResult(BaseModel):
    lesson: Lesson


class RescheduleRequest(BaseModel):
    starts_at: AwareDatetime


class BookingPolicy(BaseModel):
    cancel_notice_hours: int = Field(
        description="A student's cancel later than this before the start is charged, and a student's move refused"
    )
    min_booking_notice_hours: int = Field(
        default=0, description="A student books at least this long before the start (0: no minimum)"
    )
