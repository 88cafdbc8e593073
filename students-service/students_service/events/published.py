"""Events students-service publishes, fields exactly as docs/events.md lists them (the contract test
compares them). Write one with `outbox.add(session, PaymentRecorded(...))`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel

from studio_kit.messaging import PublishedEvent


class _StudentEvent(PublishedEvent):
    subject_field: ClassVar[str | None] = "student_id"


class StudentCreated(_StudentEvent):
    """A student profile exists (created by staff, by self-registration or from a lead)."""

    event_type: ClassVar[str] = "student.created"

    student_id: uuid.UUID
    user_id: uuid.UUID | None
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    status: str


class PaymentRecorded(_StudentEvent):
    """Money came in (at the desk, by transfer or online); `balance_minor` is the balance after it."""

    event_type: ClassVar[str] = "payment.recorded"

    student_id: uuid.UUID
    entry_id: uuid.UUID
    amount_minor: int
    currency: str
    method: str
    balance_minor: int


class BalanceLow(_StudentEvent):
    """The balance fell below the studio's threshold (once, until it recovers)."""

    event_type: ClassVar[str] = "balance.low"

    student_id: uuid.UUID
    balance_minor: int
    threshold_minor: int
    currency: str


class LeadCreated(PublishedEvent):
    """A new open lead: the one moment admins are alerted. A prospect who sends the bot's form
    again updates the same open lead (one per phone) and publishes nothing."""

    event_type: ClassVar[str] = "lead.created"
    subject_field: ClassVar[str | None] = "lead_id"

    lead_id: uuid.UUID
    student_id: uuid.UUID | None
    name: str
    phone: str
    is_child: bool
    level: str | None
    goal: str | None
    preferred_slot: dict[str, Any] | None
    time_of_day: str | None
    language: str | None
    source: str


class EndingPackageItem(BaseModel):
    package_id: uuid.UUID
    valid_until: date
    lessons_left: int


class DebtReminded(_StudentEvent):
    """An admin pressed "remind" on the debts list: the student is told what they owe and which
    packages end soon. At most one per student per studio day."""

    event_type: ClassVar[str] = "debt.reminded"

    student_id: uuid.UUID
    reminded_on: date
    balance_minor: int
    currency: str
    packages_ending: list[EndingPackageItem]


class PackageExpiring(_StudentEvent):
    """A usable package came within STUDENTS_PACKAGE_EXPIRY_REMINDER_DAYS of its last valid day;
    once per crossing (again only after a freeze moved its end away and back)."""

    event_type: ClassVar[str] = "package.expiring"

    student_id: uuid.UUID
    package_id: uuid.UUID
    valid_until: date
    days_left: int
    lessons_left: int


class PackageRunningLow(_StudentEvent):
    """A package's lessons left fell to STUDENTS_PACKAGE_LOW_LESSONS; once per crossing."""

    event_type: ClassVar[str] = "package.running_low"

    student_id: uuid.UUID
    package_id: uuid.UUID
    lessons_left: int
    lessons_total: int
    valid_until: date
