"""Shapes of the admin's screens."""

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field

from ..schemas import (
    Degraded,
    GroupSchedule,
    Guardian,
    Lesson,
    LessonPackage,
    Level,
    Membership,
    StudentGroup,
    StudentProfile,
)

StudentStatus = Literal["lead", "trial", "active", "paused", "archived"]
LeadStatus = Literal["new", "contacted", "trial_scheduled", "trial_done", "follow_up", "won", "lost"]


class MonthRevenue(BaseModel):
    month: str = Field(examples=["2026-11"])
    amount_minor: int
    currency: str = "RUB"


class MonthCash(MonthRevenue):
    refunded_minor: int = 0


class AdminDashboard(Degraded):
    active_students: int | None
    lessons_this_week: int | None
    attendance_rate: float | None = Field(description="Share of charged seats attended (present or late), 0 to 1")
    revenue_by_month: list[MonthRevenue] = Field(
        description="Lessons delivered: the price of every seat of completed lessons per month, oldest first"
    )
    cash_by_month: list[MonthCash] = Field(
        default_factory=list, description="Cash received (payments) per month, refunds beside it, oldest first"
    )
    trial_funnel: dict[LeadStatus, int]


class StudentCreate(BaseModel):
    email: EmailStr | None = None
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(default="", max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    level: Level | None = None
    timezone: str | None = Field(default=None, max_length=64)
    birth_date: date | None = None
    goals: str | None = Field(default=None, max_length=2000)
    status: StudentStatus = "active"
    guardian: Guardian | None = None
    invite: bool = Field(default=False, description="Create an account and e-mail an invitation (needs email)")


class StudentUpdate(BaseModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=32)
    birth_date: date | None = None
    level: Level | None = None
    goals: str | None = Field(default=None, max_length=2000)
    timezone: str | None = Field(default=None, max_length=64)
    status: StudentStatus | None = None
    guardian: Guardian | None = None


class StudentDetail(StudentProfile, Degraded):
    ledger: dict[str, Any] | None = Field(description="{balance, entries[]}; null when degraded")
    packages: list[LessonPackage]
    groups: list[StudentGroup]
    lessons: list[Lesson]


class PaymentCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=100_000_000)
    method: Literal["cash", "card", "transfer", "online"]
    comment: str | None = Field(default=None, max_length=500)


class PackageCreate(BaseModel):
    lessons: int = Field(gt=0, le=500)
    price_minor: int = Field(ge=0, le=100_000_000)
    valid_until: date
    valid_from: date | None = None
    kind: Literal["individual", "group", "any"] = "any"
    payment_method: Literal["cash", "card", "transfer", "online"] | None = None


class TeacherCreate(BaseModel):
    email: EmailStr
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    bio: str | None = Field(default=None, max_length=5000)
    levels: list[Level] = Field(default_factory=list)
    specialisations: list[str] = Field(default_factory=list, max_length=20)
    timezone: str | None = Field(default=None, max_length=64, description="IANA zone; the studio's zone when omitted")
    rate_minor: int | None = Field(
        default=None, ge=0, le=100_000_000, description="Paid per lesson of every kind from today (teachers' rate)"
    )


class TeacherUpdate(BaseModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    bio: str | None = Field(default=None, max_length=5000)
    levels: list[Level] | None = None
    specialisations: list[str] | None = Field(default=None, max_length=20)
    timezone: str | None = Field(default=None, max_length=64)
    status: Literal["active", "inactive"] | None = Field(
        default=None, description="inactive also deactivates the login and hides the teacher from students at once"
    )


class GroupCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    level: Level
    teacher_id: UUID
    capacity: int = Field(gt=0, le=100)
    room_id: UUID | None = None
    schedule: GroupSchedule
    starts_on: date
    ends_on: date | None = None
    price_per_lesson_minor: int = Field(ge=0, le=100_000_000)
    status: Literal["forming", "active"] = "forming"


class MemberAdd(BaseModel):
    student_id: UUID


class MemberMove(BaseModel):
    to_group_id: UUID


class MoveResult(BaseModel):
    left: Membership
    joined: Membership


class GroupMembers(BaseModel):
    group_id: UUID
    capacity: int
    members: list[Membership]
    history: list[Membership]
    waitlist: list[dict[str, Any]]


class Lead(BaseModel):
    id: UUID
    name: str
    phone: str | None = None
    email: str | None = None
    is_child: bool = False
    level: str | None = None
    goal: str | None = None
    preferred_slot: dict[str, Any] | None = None
    time_of_day: str | None = None
    language: str | None = None
    status: LeadStatus
    source: str
    note: str | None = None
    created_at: datetime
    updated_at: datetime | None = None
    student_id: UUID | None = None
    trial_lesson_id: UUID | None = None
    trial_at: datetime | None = None
    converted_at: datetime | None = None
    paid_at: datetime | None = None


class LeadUpdate(BaseModel):
    status: LeadStatus
    note: str | None = Field(default=None, max_length=2000)


class NotificationEntry(BaseModel):
    id: UUID
    event_type: str
    category: str
    channel: Literal["email", "sms", "telegram", "push"]
    recipient: str
    user_id: UUID | None = None
    address: str
    language: str
    subject: str
    status: Literal["pending", "deferred", "sent", "failed", "dead"]
    attempts: int
    last_error: str | None = None
    created_at: datetime
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None


class RoomCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    capacity: int = Field(ge=1, le=1000)


class BroadcastCreate(BaseModel):
    audience: Literal["all_students", "group"]
    group_id: UUID | None = None
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=5000)


class Broadcast(BaseModel):
    id: UUID
    audience: str
    group_id: UUID | None = None
    subject: str
    body: str
    status: str
    recipient_count: int | None = None
    created_at: datetime
    processed_at: datetime | None = None
