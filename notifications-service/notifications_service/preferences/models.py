"""What each person chose: language, timezone, quiet hours and channels per category."""

import uuid
from datetime import time
from typing import Any

from sqlalchemy import CheckConstraint, String, Time
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin

from ..database import Base


class Preference(TimestampMixin, Base):
    __tablename__ = "preference"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    language: Mapped[str | None] = mapped_column(String(2))
    timezone: Mapped[str | None] = mapped_column(String(64))
    quiet_hours_start: Mapped[time | None] = mapped_column(Time)
    quiet_hours_end: Mapped[time | None] = mapped_column(Time)
    # {category: [channel, ...]}; a category that is absent uses the defaults.
    channels: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")

    __table_args__ = (
        CheckConstraint("(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)", name="quiet_hours_complete"),
    )
