"""Lesson packages (абонементы) and the lessons taken from them."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base

PACKAGE_KINDS = ("individual", "group", "any")


class Package(Base):
    __tablename__ = "package"
    __table_args__ = (
        CheckConstraint(f"kind IN {PACKAGE_KINDS!r}", name="kind"),
        CheckConstraint("lessons_total > 0", name="lessons_total_positive"),
        CheckConstraint("lessons_used >= 0 AND lessons_used <= lessons_total", name="lessons_used_range"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
        CheckConstraint("valid_until >= valid_from", name="validity"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    lessons_total: Mapped[int]
    lessons_used: Mapped[int] = mapped_column(default=0)
    price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    frozen_from: Mapped[date | None] = mapped_column(Date)
    frozen_until: Mapped[date | None] = mapped_column(Date)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    # Whether `package.expiring` / `package.running_low` was sent for the current crossing; cleared
    # when the package crosses back (a freeze moves its end, a correction gives lessons back).
    expiry_notified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    low_notified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PackageUsage(Base):
    """A lesson taken from a package; one per (student, lesson) so redelivery cannot use two."""

    __tablename__ = "package_usage"
    __table_args__ = (
        UniqueConstraint("student_id", "lesson_id"),
        CheckConstraint("reason IN ('lesson_completed', 'late_cancel')", name="reason"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    package_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("package.id"), index=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"))
    lesson_id: Mapped[uuid.UUID]
    reason: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
