"""Make-up policy and credits as the web app sees them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

PolicyMode = Literal["return_to_package", "makeup_credit"]


class MakeupPolicy(BaseModel):
    mode: PolicyMode = Field(
        description="return_to_package: an excused absence takes nothing from the package;"
        " makeup_credit: the package lesson is taken and one make-up lesson is granted"
    )
    notice_hours: int = Field(description="A student's late cancel at least this long before the start is excused")
    updated_at: datetime | None = None


class MakeupPolicyUpdate(BaseModel):
    mode: PolicyMode
    notice_hours: int = Field(ge=0, le=168)


class MakeupCredit(BaseModel):
    id: UUID
    source_lesson_id: UUID
    lesson_kind: str
    lesson_date: date
    reason: Literal["excused", "late_cancel"]
    status: Literal["returned", "available", "reserved", "used"]
    package_id: UUID | None
    used_lesson_id: UUID | None
    description: str
    created_at: datetime


class MakeupCredits(BaseModel):
    available: int
    items: list[MakeupCredit]


class MakeupCreditUse(BaseModel):
    lesson_id: UUID = Field(description="An upcoming scheduled lesson of the student, paid by the credit")
