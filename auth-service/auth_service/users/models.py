"""The user account: one person, one UUID across the platform (the identity rule)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin

from ..database import Base

Role = Literal["admin", "teacher", "student"]
ROLES: tuple[Role, ...] = ("admin", "teacher", "student")


class User(TimestampMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'teacher', 'student')", name="role"),
        # Emails are stored lower-cased; the index keeps them unique whatever a writer does.
        Index("uq_user_account_email_lower", func.lower(text("email")), unique=True),
        Index("uq_user_account_telegram_id", "telegram_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(320))
    email_verified_at: Mapped[datetime | None]
    phone: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    timezone: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="ru", server_default="ru")
    telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    last_login_at: Mapped[datetime | None]
    # Set on the bootstrap admin: its password came from a config file and must be replaced.
    password_change_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None
