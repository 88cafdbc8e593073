"""Membership rows (one per stay in a group, never deleted) and waitlist entries."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Identity, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import UUIDPrimaryKeyMixin, utcnow

from ..database import Base

WAITLIST_STATUSES = ("waiting", "offered", "enrolled", "withdrawn", "declined", "expired")
# An entry still in the queue: waiting its turn, or holding an offer of a freed seat.
QUEUED_STATUSES = ("waiting", "offered")


class GroupMembership(UUIDPrimaryKeyMixin, Base):
    __tablename__ = "group_membership"
    __table_args__ = (
        # A student is in a group at most once at a time; past stays stay as history.
        Index(
            "uq_group_membership_current",
            "group_id",
            "student_id",
            unique=True,
            postgresql_where=text("left_at IS NULL"),
        ),
        Index("ix_group_membership_student_id", "student_id"),
        CheckConstraint("left_at IS NULL OR left_at >= joined_at", name="left_after_joined"),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"))
    student_id: Mapped[uuid.UUID]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(200))
    moved_from_group_id: Mapped[uuid.UUID | None]
    moved_to_group_id: Mapped[uuid.UUID | None]


class WaitlistEntry(UUIDPrimaryKeyMixin, Base):
    __tablename__ = "group_waitlist_entry"
    __table_args__ = (
        Index(
            "uq_group_waitlist_entry_waiting",
            "group_id",
            "student_id",
            unique=True,
            postgresql_where=text("status IN ('waiting', 'offered')"),
        ),
        Index("ix_group_waitlist_entry_queue", "group_id", "seq"),
        Index("ix_group_waitlist_entry_offer_expiry", "offer_expires_at", postgresql_where=text("status = 'offered'")),
        CheckConstraint(f"status IN {WAITLIST_STATUSES!r}", name="status_known"),
        CheckConstraint("status <> 'offered' OR offer_expires_at IS NOT NULL", name="offer_expires"),
    )

    # The queue order: a sequence is strictly increasing even for entries added in the same instant.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True))
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"))
    student_id: Mapped[uuid.UUID]
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    # A freed seat is held for this student until the offer expires; then it passes to the next.
    offered_at: Mapped[datetime | None]
    offer_expires_at: Mapped[datetime | None]
