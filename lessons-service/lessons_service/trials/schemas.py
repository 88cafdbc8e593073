"""Shapes of trial holds."""

import uuid
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, Field


class TrialHoldCreate(BaseModel):
    teacher_id: uuid.UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(default=60, ge=15, le=240)
    request_id: uuid.UUID = Field(description="The bot's trial request: the same request and slot hold once")


class TrialHoldRead(BaseModel):
    hold_id: uuid.UUID = Field(description="calendary's event id of the hold")
    teacher_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    expires_at: datetime | None = Field(description="When the slot is free again unless the admin books it")
