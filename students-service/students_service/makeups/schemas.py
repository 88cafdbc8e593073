"""Make-up policy and credits as clients see them."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PolicyMode = Literal["return_to_package", "makeup_credit"]
CreditStatus = Literal["returned", "available", "reserved", "used"]


class PolicyRead(BaseModel):
    mode: PolicyMode = Field(
        description="return_to_package: an excused absence takes nothing from the package and costs nothing;"
        " makeup_credit: it counts like an absence and grants one make-up lesson"
    )
    notice_hours: int = Field(
        description="A student's late cancel made at least this long before the start is excused too (0: never)"
    )
    updated_at: datetime | None = None


class PolicyUpdate(BaseModel):
    mode: PolicyMode
    notice_hours: int = Field(ge=0, le=168)


class CreditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    source_lesson_id: uuid.UUID
    lesson_kind: str
    lesson_date: date
    reason: Literal["excused", "late_cancel"]
    status: CreditStatus
    package_id: uuid.UUID | None
    used_lesson_id: uuid.UUID | None
    description: str
    created_at: datetime


class CreditList(BaseModel):
    available: int = Field(description="Make-up credits the student can use for a booking now")
    items: list[CreditRead]

    @classmethod
    def of(cls, credits: Sequence[Any]) -> "CreditList":
        return cls(
            available=sum(1 for credit in credits if credit.status == "available"),
            items=[CreditRead.model_validate(credit) for credit in credits],
        )


class CreditUse(BaseModel):
    lesson_id: uuid.UUID = Field(description="The booked lesson the credit pays for")
