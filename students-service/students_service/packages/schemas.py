"""Package schemas."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..ledger.schemas import MAX_AMOUNT_MINOR, PaymentMethod

PackageKind = Literal["individual", "group", "any"]
PackageStatus = Literal["active", "frozen", "expired", "used_up"]


class PackageCreate(BaseModel):
    lessons: int = Field(gt=0, le=500)
    price_minor: int = Field(ge=0, le=MAX_AMOUNT_MINOR)
    valid_until: date
    valid_from: date | None = Field(default=None, description="Defaults to today in the studio's timezone.")
    kind: PackageKind = "any"
    payment_method: PaymentMethod | None = Field(
        default=None, description="When the student pays at the sale: records the payment in the same step."
    )


class PackageRead(BaseModel):
    id: uuid.UUID
    student_id: uuid.UUID
    kind: str
    lessons_total: int
    lessons_used: int
    lessons_left: int
    price_minor: int
    currency: str
    valid_from: date
    valid_until: date
    status: PackageStatus
    frozen_until: date | None
    created_at: datetime


class FreezeRequest(BaseModel):
    until: date = Field(description="The first day the package is usable again.")
