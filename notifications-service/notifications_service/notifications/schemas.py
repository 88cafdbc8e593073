"""Delivery-log shapes for the admin API."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from studio_kit.types import Page as Page

Status = Literal["pending", "deferred", "sent", "failed", "dead"]
Channel = Literal["email", "sms", "telegram", "push"]


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    category: str
    channel: Channel
    recipient: str
    user_id: uuid.UUID | None
    address: str
    language: str
    subject: str
    status: Status
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None


class NotificationDetail(NotificationRead):
    body_text: str
    short_text: str
