"""Payroll schemas, and this service's copy of the `lesson.completed` fields it reads."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Years 1900-2999: a calendar month the service can turn into datetimes (year 0 cannot exist).
Month = Annotated[str, Field(pattern=r"^(19\d{2}|2\d{3})-(0[1-9]|1[0-2])$", examples=["2026-11"])]


class Money(BaseModel):
    amount_minor: int
    currency: str


class PayrollLineRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    lesson_id: uuid.UUID
    kind: str
    starts_at: datetime
    duration_minutes: int
    students_present: int
    amount_minor: int
    currency: str
    rate_id: uuid.UUID | None
    rate_missing: bool


class TeacherPayroll(BaseModel):
    teacher_id: uuid.UUID
    month: str
    lines: list[PayrollLineRead]
    total: Money


class PayrollPaymentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    teacher_id: uuid.UUID
    month: str
    amount_minor: int
    lessons: int
    currency: str
    paid_at: datetime


class TeacherPayrollSummary(BaseModel):
    teacher_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    lessons: int
    rate_missing: int
    total: Money
    lines: list[PayrollLineRead] = Field(default_factory=list)
    paid: PayrollPaymentRead | None = None


class StudioPayroll(BaseModel):
    month: str
    teachers: list[TeacherPayrollSummary]
    total: Money


class Attendance(BaseModel):
    model_config = ConfigDict(extra="ignore")

    student_id: uuid.UUID
    status: str


class LessonCompleted(BaseModel):
    model_config = ConfigDict(extra="ignore")

    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    starts_at: datetime
    duration_minutes: int = Field(ge=0)
    attendance: list[Attendance] = Field(default_factory=list)
