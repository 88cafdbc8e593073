"""Read models of what the domain services own, as the web app receives them through the BFF.

The BFF keeps its own copy of each shape (the consumer's side of the contract): fields it does not
name are dropped, so a domain service adding a field never leaks it to the browser by accident."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from studio_kit.types import Page as Page

from .makeups.schemas import MakeupCredits

Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
LessonKind = Literal["individual", "group", "trial"]
LessonStatus = Literal["scheduled", "completed", "cancelled", "no_show"]
AttendanceStatus = Literal["present", "absent", "late", "excused"]


class Money(BaseModel):
    amount_minor: int
    currency: str = "RUB"


class Degraded(BaseModel):
    degraded: list[str] = Field(
        default_factory=list, description="Services that did not answer; their parts of the screen are empty"
    )


class Rating(BaseModel):
    average: float | None = None
    count: int = 0


class TeacherCard(BaseModel):
    """What any signed-in user may see of a teacher (no contacts)."""

    id: UUID
    first_name: str
    last_name: str
    bio: str | None = None
    levels: list[str] = Field(default_factory=list)
    specialisations: list[str] = Field(default_factory=list)
    timezone: str | None = None
    photo_url: str | None = None
    rating: Rating = Field(default_factory=Rating)


class Invitation(BaseModel):
    """Whether the person has set a password; otherwise the newest link's dates."""

    status: Literal["accepted", "pending", "expired", "not_sent"]
    sent_at: datetime | None = None
    expires_at: datetime | None = None


class TeacherRecord(TeacherCard):
    email: str
    phone: str | None = None
    status: Literal["active", "inactive"]
    created_at: datetime | None = None
    updated_at: datetime | None = None
    invitation: Invitation | None = Field(default=None, description="null when auth-service did not answer")


class Guardian(BaseModel):
    name: str
    phone: str | None = None
    email: str | None = None


class StudentProfile(BaseModel):
    id: UUID
    user_id: UUID | None = None
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    level: str | None = None
    goals: str | None = None
    timezone: str
    status: Literal["lead", "trial", "active", "paused", "archived"]
    source: str | None = None
    guardian: Guardian | None = None
    created_at: datetime | None = None
    balance: Money


class LedgerEntry(BaseModel):
    id: UUID
    kind: Literal["payment", "lesson_charge", "late_cancel_charge", "refund", "adjustment", "package_purchase"]
    amount_minor: int
    currency: str
    description: str | None = None
    method: str | None = None
    lesson_id: UUID | None = None
    package_id: UUID | None = None
    created_at: datetime
    code: str = Field(
        default="other",
        description="What the line says (payment, package_payment, refund, adjustment, lesson_charge,"
        " late_cancel_charge, package_purchase, other): the app renders it in its language",
    )
    params: dict[str, str | int] = Field(
        default_factory=dict,
        description="The line's values: method, comment, lesson_kind, lesson_date, name, lessons, package_kind,"
        " valid_until (dates YYYY-MM-DD); `text` for `other`",
    )


class Ledger(BaseModel):
    balance: Money
    entries: list[LedgerEntry]
    makeup_credits: MakeupCredits | None = Field(
        default=None, description="What each excused absence gave back, with the make-up credits left"
    )


class LessonPackage(BaseModel):
    id: UUID
    student_id: UUID
    kind: str
    lessons_total: int
    lessons_used: int
    lessons_left: int
    price_minor: int
    currency: str
    valid_from: date | None = None
    valid_until: date | None = None
    status: Literal["active", "frozen", "expired", "used_up"]
    frozen_until: date | None = None
    created_at: datetime | None = None


class ScheduleSlot(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start_time: str = Field(description="Local time in the schedule's timezone")
    duration_minutes: int


class GroupSchedule(BaseModel):
    timezone: str
    slots: list[ScheduleSlot] = Field(default_factory=list)


class Group(BaseModel):
    id: UUID
    name: str
    level: str
    teacher_id: UUID
    capacity: int
    room_id: UUID | None = None
    schedule: GroupSchedule
    starts_on: date
    ends_on: date | None = None
    status: Literal["forming", "active", "finished", "archived"]
    price_per_lesson_minor: int
    currency: str = "RUB"
    members_count: int = 0
    waitlist_count: int = 0


class StudentGroup(Group):
    joined_at: datetime


class Membership(BaseModel):
    group_id: UUID
    student_id: UUID
    joined_at: datetime
    left_at: datetime | None = None
    reason: str | None = None
    moved_to_group_id: UUID | None = None
    moved_from_group_id: UUID | None = None


class Lesson(BaseModel):
    id: UUID
    kind: LessonKind
    status: LessonStatus
    teacher_id: UUID
    student_ids: list[UUID] = Field(default_factory=list)
    group_id: UUID | None = None
    room_id: UUID | None = None
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    topic: str | None = None
    homework: str | None = None
    notes: str | None = Field(default=None, description="Teacher notes; never shown to students")
    price_minor: int = 0
    currency: str = "RUB"
    cancelled_at: datetime | None = None
    late_cancel: bool = False


class RosterEntry(BaseModel):
    student_id: UUID
    attendance: AttendanceStatus | None = None
    price_minor: int = 0
    first_name: str | None = None
    last_name: str | None = None


class LessonDetail(Lesson):
    roster: list[RosterEntry] = Field(default_factory=list)
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    completed_at: datetime | None = None
    degraded: list[str] = Field(default_factory=list)


class Slot(BaseModel):
    starts_at: datetime
    ends_at: datetime


class TimeOff(BaseModel):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    reason: str | None = None


class Room(BaseModel):
    id: UUID
    name: str
    capacity: int


def items(value: Any) -> list[Any]:
    """The rows of a `Page` answer (or of a plain list); nothing for a part that did not answer."""
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.get("items", []))
    return list(value)
