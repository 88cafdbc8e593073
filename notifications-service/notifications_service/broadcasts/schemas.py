"""Broadcast shapes."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from studio_kit.types import MultiLineText, SingleLineText


class BroadcastCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audience: Literal["all_students", "group"]
    group_id: uuid.UUID | None = None
    subject: SingleLineText = Field(min_length=1, max_length=200)
    body: MultiLineText = Field(min_length=1, max_length=5000)

    @model_validator(mode="after")
    def _group_named(self) -> "BroadcastCreate":
        if self.audience == "group" and self.group_id is None:
            raise ValueError("audience `group` needs group_id")
        if self.audience == "all_students" and self.group_id is not None:
            raise ValueError("group_id only goes with audience `group`")
        return self


class BroadcastRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    audience: str
    group_id: uuid.UUID | None
    subject: str
    body: str
    status: Literal["queued", "sent"]
    recipient_count: int | None
    created_at: datetime
    processed_at: datetime | None
