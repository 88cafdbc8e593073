"""Lead schemas, and this service's copy of the `trial.requested` payload it reads."""

import uuid
from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, model_validator

from studio_kit.types import PageFilter, SingleLineText

LeadStatus = Literal["new", "contacted", "trial_scheduled", "trial_done", "follow_up", "won", "lost"]
LeadSource = Literal["phone", "walk_in", "website", "telegram", "other"]


class LeadRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    phone: str | None
    email: str | None = None
    is_child: bool
    level: str | None
    goal: str | None
    preferred_slot: dict[str, Any] | None
    time_of_day: str | None
    language: str | None
    status: LeadStatus
    source: str
    note: str | None
    created_at: datetime
    updated_at: datetime
    student_id: uuid.UUID | None
    trial_lesson_id: uuid.UUID | None = None
    trial_at: datetime | None = None
    converted_at: datetime | None = None
    paid_at: datetime | None = None


class LeadCreate(BaseModel):
    """A request taken by phone or at the desk."""

    model_config = ConfigDict(extra="forbid")

    first_name: SingleLineText = Field(min_length=1, max_length=100)
    last_name: SingleLineText | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, min_length=3, max_length=32)
    email: EmailStr | None = None
    comment: str | None = Field(default=None, max_length=2000)
    source: LeadSource = "phone"

    @model_validator(mode="after")
    def _contact(self) -> Self:
        if not self.phone and not self.email:
            raise ValueError("give a phone number or an e-mail address")
        return self


class LeadConvert(BaseModel):
    """The lead became this student; the trial (if booked) is this lesson."""

    model_config = ConfigDict(extra="forbid")

    student_id: uuid.UUID
    trial_lesson_id: uuid.UUID | None = None
    trial_at: AwareDatetime | None = None


class LeadStudentLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_id: uuid.UUID


class FunnelPeriod(BaseModel):
    period_start: date
    requests: int
    trials: int
    paying: int


class LeadUpdate(BaseModel):
    status: LeadStatus
    note: str | None = Field(default=None, max_length=2000)


class LeadFilter(PageFilter):
    status: LeadStatus | None = None


class TrialRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    request_id: str | None = Field(default=None, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    phone: str = Field(min_length=3, max_length=32)
    is_child: bool = False
    level: str | None = Field(default=None, max_length=20)
    goal: str | None = None
    preferred_slot: dict[str, Any] | None = None
    time_of_day: str | None = Field(default=None, max_length=50)
    language: str | None = Field(default=None, max_length=10)
    telegram_user_id: int | None = None
    telegram_chat_id: int | None = None
