"""Trial requests from the bot, worked through the funnel by admins."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin

from ..database import Base

# trial_done: the prospect came to the trial (offer a package); follow_up: they did not come.
LEAD_STATUSES = ("new", "contacted", "trial_scheduled", "trial_done", "follow_up", "won", "lost")
OPEN_STATUSES = ("new", "contacted", "trial_scheduled", "trial_done", "follow_up")


class Lead(TimestampMixin, Base):
    __tablename__ = "lead"
    __table_args__ = (
        CheckConstraint(f"status IN {LEAD_STATUSES!r}", name="status"),
        # One open lead per phone, even when two requests arrive at the same moment.
        Index("uq_lead_open_phone", "phone", unique=True, postgresql_where=text(f"status IN {OPEN_STATUSES!r}")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    request_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    is_child: Mapped[bool] = mapped_column(Boolean, default=False)
    level: Mapped[str | None] = mapped_column(String(20))
    goal: Mapped[str | None] = mapped_column(Text)
    preferred_slot: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    time_of_day: Mapped[str | None] = mapped_column(String(50))
    language: Mapped[str | None] = mapped_column(String(10))
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    source: Mapped[str] = mapped_column(String(20), default="telegram")
    note: Mapped[str | None] = mapped_column(Text)
    student_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("student.id"), index=True)
    trial_lesson_id: Mapped[uuid.UUID | None] = mapped_column()
    trial_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    converted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
