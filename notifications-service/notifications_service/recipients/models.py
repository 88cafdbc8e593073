"""Who can be reached and how: a local copy fed by events and the internal upsert."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, utcnow

from ..database import Base


class Recipient(TimestampMixin, Base):
    __tablename__ = "recipient"

    # Equal to the auth user id (identity rule), so every event's person id is a key here.
    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str | None] = mapped_column(String(2))
    timezone: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")

    __table_args__ = (Index("ix_recipient_role", "role"),)


class GroupMember(Base):
    """Membership of a group, so a broadcast can reach a group without asking groups-service.
    `event_time` of the newest applied event lets a late join never undo a later leave."""

    __tablename__ = "group_member"

    group_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
