"""Revocable tokens behind the iCal feeds; only their SHA-256 is stored."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import UUIDPrimaryKeyMixin, utcnow

from ..database import Base


class FeedToken(UUIDPrimaryKeyMixin, Base):
    __tablename__ = "feed_token"
    __table_args__ = (
        CheckConstraint("owner_kind IN ('teacher', 'student')", name="owner_kind_values"),
        Index("ix_feed_token_owner", "owner_kind", "owner_id"),
    )

    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
