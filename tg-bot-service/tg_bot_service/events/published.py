"""Events this service owns (see docs/events.md)."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

TRIAL_REQUESTED = "trial.requested"


class PreferredSlot(BaseModel):
    teacher_id: uuid.UUID
    starts_at: datetime
    hold_id: uuid.UUID | None = None
    held_until: datetime | None = None


class TrialRequested(BaseModel):
    """A prospect asked for a trial lesson in the bot."""

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
