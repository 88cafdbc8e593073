"""Ledger schemas: entries, the derived balance, and what admins record."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..makeups.schemas import CreditList
from ..students.schemas import Money

PaymentMethod = Literal["cash", "card", "transfer", "online"]
# Ten million roubles in kopecks: far above any real studio payment, so a typo is refused.
MAX_AMOUNT_MINOR = 1_000_000_000


class EntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    amount_minor: int
    currency: str
    description: str
    method: str | None
    lesson_id: uuid.UUID | None
    package_id: uuid.UUID | None
    created_at: datetime


class LedgerRead(BaseModel):
    balance: Money
    entries: list[EntryRead]
    makeup_credits: CreditList = Field(
        description="What each excused absence gave back (make-up credits, lessons kept in a package)"
    )


class PaymentCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=MAX_AMOUNT_MINOR)
    method: PaymentMethod
    comment: str | None = Field(default=None, max_length=300)


class RefundCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=MAX_AMOUNT_MINOR, description="How much is returned to the student.")
    method: PaymentMethod
    comment: str | None = Field(default=None, max_length=300)


class AdjustmentCreate(BaseModel):
    amount_minor: int = Field(
        ge=-MAX_AMOUNT_MINOR, le=MAX_AMOUNT_MINOR, description="Signed: positive credits the student, negative debits."
    )
    comment: str = Field(min_length=1, max_length=300)

    @field_validator("amount_minor")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("an adjustment of zero changes nothing")
        return value
