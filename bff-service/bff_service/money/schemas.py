"""Money screen shapes (API.md "Money")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from ..schemas import Money
from ..teacher.schemas import PayrollLine

PricedKind = Literal["individual", "trial"]
LessonKind = Literal["individual", "group", "trial"]


class PriceItem(BaseModel):
    kind: PricedKind
    duration_minutes: int = Field(ge=15, le=240)
    amount_minor: int = Field(ge=0, le=100_000_000)


class PriceListUpdate(BaseModel):
    items: list[PriceItem] = Field(max_length=50)
    valid_from: date | None = Field(default=None, description="First date the list applies; today if omitted")


class PriceList(BaseModel):
    valid_from: date | None = Field(description="When the list in force started; null while only defaults apply")
    currency: str
    items: list[PriceItem]
    defaults: dict[str, int] = Field(description="What a kind the list does not mention costs")


class RateUpdate(BaseModel):
    amount_minor: int = Field(ge=0, le=100_000_000, description="Paid to the teacher per lesson")
    valid_from: date
    kinds: list[LessonKind] | None = Field(
        default=None, min_length=1, max_length=3, description="Every kind if omitted"
    )


class Rate(BaseModel):
    id: UUID
    teacher_id: UUID
    kind: str
    amount_minor: int
    currency: str
    effective_from: date
    created_at: datetime


class PayrollTeacher(BaseModel):
    id: UUID
    first_name: str | None
    last_name: str | None


class PayrollPayment(BaseModel):
    month: str
    amount_minor: int
    lessons: int
    currency: str
    paid_at: datetime


class TeacherPayrollSheet(BaseModel):
    teacher: PayrollTeacher
    lessons: int
    rate_missing: int = Field(description="Lessons paid 0 because no rate was in force")
    lines: list[PayrollLine]
    total: Money
    paid: PayrollPayment | None


class StudioPayroll(BaseModel):
    month: str
    teachers: list[TeacherPayrollSheet]
    total: Money


PaymentMethod = Literal["cash", "card", "transfer", "online"]


class RefundCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=100_000_000, description="Money returned to the student")
    reason: str = Field(min_length=1, max_length=300)
    method: PaymentMethod = "transfer"


class AdjustmentCreate(BaseModel):
    amount_minor: int = Field(
        ge=-100_000_000, le=100_000_000, description="Signed: positive credits the student, negative debits"
    )
    reason: str = Field(min_length=1, max_length=300)


class FreezeRequest(BaseModel):
    until: date = Field(description="The first day the package is usable again")


class EndingPackage(BaseModel):
    id: UUID
    valid_until: date
    lessons_left: int


class Debt(BaseModel):
    student_id: UUID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    balance: Money
    reasons: list[Literal["negative_balance", "package_ending"]]
    packages_ending: list[EndingPackage]
    reminded_on: date | None = Field(default=None, description="The last day the student was reminded")


class DebtReminder(BaseModel):
    id: UUID
    student_id: UUID
    reminded_on: date
    balance_minor: int
    created_at: datetime


class DebtList(BaseModel):
    ending_within_days: int
    items: list[Debt]
