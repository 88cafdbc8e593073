"""Revocable tokens behind the iCal feeds, looked up by their SHA-256. The token itself is kept too
(ADR 0200): it grants reading a schedule that the same database holds in the clear."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import UUIDPrimaryKeyMixin, utcnow

from ..database import Base


class FeedToken(UUIDPrimaryKeyMixin, Base):
    __tablename__ = "feed_token"
    __table_args__ = (
        CheckConstraint("owner_kind IN ('teacher', 'student', 'admin')", name="owner_kind_values"),
        Index("ix_feed_token_owner", "owner_kind", "owner_id"),
        # One live link per owner, whatever the number of concurrent first visits.
        Index(
            "uq_feed_token_active_owner",
            "owner_kind",
            "owner_id",
            unique=True,
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
