"""The delivery log: one row per message, channel and recipient."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base

CHANNELS = ("email", "sms", "telegram", "push")
CATEGORIES = ("account", "lessons", "reminders", "billing", "news")
STATUSES = ("pending", "deferred", "sent", "failed", "dead")
# Rows the sender still has to deliver.
OPEN_STATUSES = ("pending", "deferred", "failed")


class Notification(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "notification"

    event_id: Mapped[uuid.UUID]
    event_type: Mapped[str] = mapped_column(String(100))
    # The business key the message is about (an event id, `payment:<entry_id>`, a reminder id);
    # with channel and recipient it makes a redelivered or re-emitted event a no-op.
    dedup_key: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(400))
    user_id: Mapped[uuid.UUID | None]
    address: Mapped[str] = mapped_column(String(400))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    short_text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("dedup_key", "channel", "recipient", name="uq_notification_dedup_key_channel_recipient"),
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        CheckConstraint(f"channel IN {CHANNELS!r}", name="channel"),
        CheckConstraint(f"category IN {CATEGORIES!r}", name="category"),
        Index("ix_notification_due", "next_attempt_at", postgresql_where=text(f"status IN {OPEN_STATUSES!r}")),
        Index("ix_notification_created_at", "created_at"),
        Index("ix_notification_event_id", "event_id"),
    )
