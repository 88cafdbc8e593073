"""A one-time token: stored hashed, consumed once, expires."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base

Purpose = Literal["invitation", "password_reset", "email_verification", "telegram_link"]


class OneTimeToken(Base):
    __tablename__ = "one_time_token"
    __table_args__ = (
        CheckConstraint(
            "purpose IN ('invitation', 'password_reset', 'email_verification', 'telegram_link')",
            name="purpose",
        ),
        Index("ix_one_time_token_user_id_purpose", "user_id", "purpose"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(30))
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
