"""The studio's make-up policy (one row) and what each excused absence gave back."""

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, SmallInteger, String, UniqueConstraint, func
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base

POLICY_MODES = ("return_to_package", "makeup_credit")
# returned: the lesson was not taken (nothing to use later); the others are a make-up credit's life.
CREDIT_STATUSES = ("returned", "available", "reserved", "used")
CREDIT_REASONS = ("excused", "late_cancel")


class MakeupPolicy(Base):
    __tablename__ = "makeup_policy"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(f"mode IN {POLICY_MODES!r}", name="mode"),
        CheckConstraint("notice_hours >= 0", name="notice_hours"),
    )

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, default=1)
    mode: Mapped[str] = mapped_column(String(20))
    notice_hours: Mapped[int]
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class MakeupCredit(Base):
    """One per (student, excused lesson): replaying the attendance event cannot give two."""

    __tablename__ = "makeup_credit"
    __table_args__ = (
        UniqueConstraint("student_id", "source_lesson_id"),
        CheckConstraint(f"status IN {CREDIT_STATUSES!r}", name="status"),
        CheckConstraint(f"reason IN {CREDIT_REASONS!r}", name="reason"),
        CheckConstraint("(status = 'reserved' OR status = 'used') = (used_lesson_id IS NOT NULL)", name="use"),
        # A booked lesson holds at most one credit of a student.
        Index(
            "uq_makeup_credit_used_lesson",
            "student_id",
            "used_lesson_id",
            unique=True,
            postgresql_where=sql_text("used_lesson_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), index=True)
    source_lesson_id: Mapped[uuid.UUID]
    lesson_kind: Mapped[str] = mapped_column(String(20))
    lesson_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    package_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("package.id"))
    used_lesson_id: Mapped[uuid.UUID | None]
    description: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), onupdate=utcnow
    )
