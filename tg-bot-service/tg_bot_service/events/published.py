"""Events tg-bot-service publishes, fields exactly as docs/events.md lists them (the contract test
compares them). The bot has no database, so no outbox: it publishes `event.envelope(...)` directly
with the broker's confirm (trial/service.py)."""

import uuid
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel

from studio_kit.messaging import PublishedEvent


class PreferredSlot(BaseModel):
    teacher_id: uuid.UUID
    starts_at: datetime
    hold_id: uuid.UUID | None = None
    held_until: datetime | None = None


class TrialRequested(PublishedEvent):
    """A prospect asked for a trial lesson in the bot."""

    event_type: ClassVar[str] = "trial.requested"
    subject_field: ClassVar[str | None] = "request_id"

    request_id: uuid.UUID
    name: str
    phone: str
    is_child: bool
    level: Literal["A1", "A2", "B1", "B2", "C1", "C2", "unknown"]
    goal: Literal["conversation", "career", "exam", "travel", "school", "other"]
    preferred_slot: PreferredSlot | None
    time_of_day: Literal["morning", "afternoon", "evening", "any"]
    language: Literal["ru", "en"]
    telegram_user_id: int
    telegram_chat_id: int
