"""Typed events students-service publishes through its outbox (docs/events.md lists the payloads).
Older events of this service are still written as dicts where they are published; new ones go here."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox


class LeadCreated(BaseModel):
    """A new open lead: the one moment admins are alerted. A prospect who sends the bot's form
    again updates the same open lead (one per phone) and publishes nothing."""

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


class DebtReminded(BaseModel):
    """An admin pressed "remind" on the debts list: the student is told what they owe and which
    packages end soon. At most one per student per studio day."""

    student_id: uuid.UUID
    reminded_on: date
    balance_minor: int
    currency: str
    packages_ending: list[EndingPackageItem]


class PackageExpiring(BaseModel):
    """A usable package came within STUDENTS_PACKAGE_EXPIRY_REMINDER_DAYS of its last valid day;
    once per crossing (again only after a freeze moved its end away and back)."""

    student_id: uuid.UUID
    package_id: uuid.UUID
    valid_until: date
    days_left: int
    lessons_left: int


class PackageRunningLow(BaseModel):
    """A package's lessons left fell to STUDENTS_PACKAGE_LOW_LESSONS; once per crossing."""

    student_id: uuid.UUID
    package_id: uuid.UUID
    lessons_left: int
    lessons_total: int
    valid_until: date


Published = LeadCreated | DebtReminded | PackageExpiring | PackageRunningLow

EVENT_TYPES: dict[type[BaseModel], str] = {
    LeadCreated: "lead.created",
    DebtReminded: "debt.reminded",
    PackageExpiring: "package.expiring",
    PackageRunningLow: "package.running_low",
}


def _subject(payload: Published) -> str:
    return str(payload.lead_id if isinstance(payload, LeadCreated) else payload.student_id)


async def publish(session: AsyncSession, payload: Published) -> None:
    """Write the event into the caller's transaction."""
    data: dict[str, Any] = payload.model_dump(mode="json")
    await outbox.add(session, EVENT_TYPES[type(payload)], data, subject=_subject(payload))
