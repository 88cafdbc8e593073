"""Admin announcements, queued and fanned out by the background worker."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base


class Broadcast(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "broadcast"

    audience: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[uuid.UUID | None]
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[uuid.UUID]
    status: Mapped[str] = mapped_column(String(20), default="queued", server_default="queued")
    recipient_count: Mapped[int | None] = mapped_column(Integer)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("audience IN ('all_students', 'group')", name="audience"),
        CheckConstraint("status IN ('queued', 'sent')", name="status"),
        CheckConstraint("audience <> 'group' OR group_id IS NOT NULL", name="group_needs_id"),
        Index("ix_broadcast_queued", "created_at", postgresql_where=text("status = 'queued'")),
    )
