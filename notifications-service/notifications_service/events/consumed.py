"""The parts of other services' events notifications-service reads: only the fields its handlers
use, each a field the publisher sends (docs/events.md; the contract test checks)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from studio_kit.messaging import ConsumedEvent


class _Part(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- people ---------------------------------------------------------------------------------------


class UserInvited(ConsumedEvent):
    event_type: ClassVar[str] = "user.invited"

    user_id: uuid.UUID
    email: str
    role: str
    first_name: str | None = None
    language: str | None = None
    invite_url: str
    expires_at: datetime | None = None


class UserRegistered(ConsumedEvent):
    """A student who signed up by themself: their language and time zone reach the directory
    before students-service's `student.created` (which carries neither)."""

    event_type: ClassVar[str] = "user.registered"

    user_id: uuid.UUID
    email: str
    role: str
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    timezone: str | None = None
    language: str | None = None


class UserPasswordResetRequested(ConsumedEvent):
    event_type: ClassVar[str] = "user.password_reset_requested"

    user_id: uuid.UUID
    email: str
    language: str | None = None
    reset_url: str
    expires_at: datetime | None = None


class UserEmailVerificationRequested(ConsumedEvent):
    event_type: ClassVar[str] = "user.email_verification_requested"

    user_id: uuid.UUID
    email: str
    language: str | None = None
    verify_url: str
    expires_at: datetime | None = None


class UserTelegramLinked(ConsumedEvent):
    event_type: ClassVar[str] = "user.telegram_linked"

    user_id: uuid.UUID
    chat_id: int
    role: str | None = None


class UserDeactivated(ConsumedEvent):
    event_type: ClassVar[str] = "user.deactivated"

    user_id: uuid.UUID


class StudentCreated(ConsumedEvent):
    event_type: ClassVar[str] = "student.created"

    student_id: uuid.UUID
    user_id: uuid.UUID | None = None
    email: str | None = None
    phone: str | None = None
    first_name: str | None = None
    last_name: str | None = None


# --- groups ---------------------------------------------------------------------------------------


class GroupMemberAdded(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_added"

    group_id: uuid.UUID
    group_name: str = ""
    student_id: uuid.UUID


class GroupMemberRemoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_removed"

    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberMoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_moved"

    student_id: uuid.UUID
    from_group_id: uuid.UUID | None = None
    to_group_id: uuid.UUID | None = None


class GroupWaitlistOffered(ConsumedEvent):
    event_type: ClassVar[str] = "group.waitlist_offered"

    group_id: uuid.UUID
    group_name: str = ""
    student_id: uuid.UUID
    expires_at: datetime


# --- lessons --------------------------------------------------------------------------------------
# The lesson fields a snapshot keeps (reminders): absent ones leave the snapshot's value as it is.


class LessonScheduled(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.scheduled"

    lesson_id: uuid.UUID
    kind: str | None = None
    teacher_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    student_ids: list[uuid.UUID] | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class LessonRescheduled(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.rescheduled"

    lesson_id: uuid.UUID
    kind: str | None = None
    teacher_id: uuid.UUID | None = None
    student_ids: list[uuid.UUID] | None = None
    old_starts_at: datetime | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class Charge(_Part):
    student_id: uuid.UUID
    amount_minor: int = Field(ge=0)


class LessonCancelled(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.cancelled"

    lesson_id: uuid.UUID
    kind: str | None = None
    teacher_id: uuid.UUID | None = None
    student_ids: list[uuid.UUID] | None = None
    starts_at: datetime | None = None
    late_cancel: bool = False
    reason: str | None = None
    charges: list[Charge] = Field(default_factory=list)


class Attendance(_Part):
    student_id: uuid.UUID
    status: str


class LessonCompleted(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.completed"

    lesson_id: uuid.UUID
    kind: str | None = None
    teacher_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    starts_at: datetime
    ends_at: datetime | None = None
    attendance: list[Attendance] = Field(default_factory=list)


# --- money ----------------------------------------------------------------------------------------


class PaymentRecorded(ConsumedEvent):
    event_type: ClassVar[str] = "payment.recorded"

    student_id: uuid.UUID
    entry_id: uuid.UUID
    amount_minor: int
    currency: str
    balance_minor: int


class BalanceLow(ConsumedEvent):
    event_type: ClassVar[str] = "balance.low"

    student_id: uuid.UUID
    balance_minor: int
    threshold_minor: int
    currency: str


class EndingPackage(BaseModel):
    valid_until: date
    lessons_left: int


class DebtReminded(ConsumedEvent):
    event_type: ClassVar[str] = "debt.reminded"

    student_id: uuid.UUID
    reminded_on: date
    balance_minor: int
    currency: str
    packages_ending: list[EndingPackage]


class PackageExpiring(ConsumedEvent):
    event_type: ClassVar[str] = "package.expiring"

    student_id: uuid.UUID
    package_id: uuid.UUID
    valid_until: date
    lessons_left: int


class PackageRunningLow(ConsumedEvent):
    event_type: ClassVar[str] = "package.running_low"

    student_id: uuid.UUID
    package_id: uuid.UUID
    lessons_left: int
    valid_until: date


# --- leads and the audit trail --------------------------------------------------------------------


class LeadCreated(ConsumedEvent):
    event_type: ClassVar[str] = "lead.created"

    lead_id: uuid.UUID
    name: str
    phone: str
    is_child: bool = False
    level: str | None = None
    goal: str | None = None
    preferred_slot: dict[str, Any] | None = None
    time_of_day: str | None = None


class AuditActor(_Part):
    id: str
    role: str


class AuditTarget(_Part):
    type: str
    id: str


class AuditRecorded(ConsumedEvent):
    event_type: ClassVar[str] = "audit.recorded"

    id: uuid.UUID
    at: datetime
    actor: AuditActor
    action: str
    target: AuditTarget
    summary: dict[str, Any] = Field(default_factory=dict)
    service: str | None = None
