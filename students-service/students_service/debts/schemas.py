"""Debts list schemas."""

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel

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


class DebtList(BaseModel):
    ending_within_days: int
    items: list[DebtRead]
