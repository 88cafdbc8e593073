"""The `group` table."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, Date, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base

GROUP_STATUSES = ("forming", "active", "finished", "archived")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


class Group(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "group"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("price_per_lesson_minor >= 0", name="price_not_negative"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_ordered"),
        CheckConstraint(f"status IN {GROUP_STATUSES!r}", name="status_known"),
        CheckConstraint(f"level IN {LEVELS!r}", name="level_known"),
        Index("ix_group_teacher_id", "teacher_id"),
        Index("ix_group_status", "status"),
    )

    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(2))
    teacher_id: Mapped[uuid.UUID]
    capacity: Mapped[int] = mapped_column(Integer)
    room_id: Mapped[uuid.UUID | None]
    # {"timezone": "Europe/Moscow", "slots": [{"weekday": 0, "start_time": "18:30:00", "duration_minutes": 90}]}
    schedule: Mapped[dict[str, Any]] = mapped_column(JSONB)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="forming")
    price_per_lesson_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
