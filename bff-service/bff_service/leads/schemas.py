"""Shapes of the trial funnel at the front desk: a lead taken by phone, its conversion, the numbers."""

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, EmailStr, Field

from ..schemas import Lesson, StudentProfile

LeadSource = Literal["phone", "walk_in", "website", "telegram", "other"]


class LeadCreate(BaseModel):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, min_length=3, max_length=32)
    email: EmailStr | None = None
    comment: str | None = Field(default=None, max_length=2000)
    source: LeadSource = "phone"


class TrialBooking(BaseModel):
    teacher_id: UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(default=60, ge=15, le=240)


class LeadConvert(BaseModel):
    trial: TrialBooking | None = None


class LeadConverted(BaseModel):
    student: StudentProfile
    lesson: Lesson | None = None
    invited: bool = Field(description="An invitation e-mail went to the lead's address")


class ConversionPeriod(BaseModel):
    period_start: date
    requests: int
    trials: int
    paying: int
