"""Lessons as last reported by lessons-service, and the reminders due before them."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, UniqueConstraint, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base

REMINDER_STATUSES = ("pending", "queued", "cancelled", "expired")


class LessonSnapshot(TimestampMixin, Base):
    """The newest known state of a lesson; events older than it cannot resurrect reminders."""

    __tablename__ = "lesson_snapshot"

    lesson_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    teacher_id: Mapped[uuid.UUID | None]
    group_id: Mapped[uuid.UUID | None]
    student_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), default=list, server_default="{}")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reminder(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "reminder"

    lesson_id: Mapped[uuid.UUID]
    user_id: Mapped[uuid.UUID]
    minutes_before: Mapped[int] = mapped_column(Integer)
    lesson_starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    remind_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint(
            "lesson_id",
            "user_id",
            "minutes_before",
            "lesson_starts_at",
            name="uq_reminder_lesson_id_user_id_minutes_before_lesson_starts_at",
        ),
        CheckConstraint(f"status IN {REMINDER_STATUSES!r}", name="status"),
        Index("ix_reminder_due", "remind_at", postgresql_where=text("status = 'pending'")),
        Index("ix_reminder_lesson_id", "lesson_id"),
    )
