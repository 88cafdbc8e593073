"""Debts list schemas."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DebtReason = Literal["negative_balance", "package_ending"]


class EndingPackage(BaseModel):
    id: uuid.UUID
    valid_until: date
    lessons_left: int


class DebtRead(BaseModel):
    student_id: uuid.UUID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    balance_minor: int
    currency: str
    reasons: list[DebtReason]
    packages_ending: list[EndingPackage]
    reminded_on: date | None = Field(default=None, description="The last day an admin sent a reminder")


class DebtList(BaseModel):
    ending_within_days: int
    items: list[DebtRead]


class ReminderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    reminded_on: date
    balance_minor: int
    created_at: datetime
