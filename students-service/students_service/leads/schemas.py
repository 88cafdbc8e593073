"""Lead schemas, and this service's copy of the `trial.requested` payload it reads."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from studio_kit.types import PageFilter

LeadStatus = Literal["new", "contacted", "trial_scheduled", "won", "lost"]


class LeadRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    phone: str
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


class LeadUpdate(BaseModel):
    status: LeadStatus
    note: str | None = Field(default=None, max_length=2000)


class LeadFilter(PageFilter):
    status: LeadStatus | None = None


class TrialRequested(BaseModel):
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
