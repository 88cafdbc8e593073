"""Lessons and their roster with attendance."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base

KINDS = ("individual", "group", "trial")
STATUSES = ("scheduled", "completed", "cancelled", "no_show")
ATTENDANCE = ("present", "absent", "late", "excused")


class Lesson(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "lesson"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS!r}", name="kind_known"),
        CheckConstraint(f"status IN {STATUSES!r}", name="status_known"),
        CheckConstraint("ends_at > starts_at", name="time_order"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
        CheckConstraint("(kind = 'group') = (group_id IS NOT NULL)", name="group_kind_has_group"),
        # Regenerating a group's series finds the lesson already there instead of booking twice.
        Index(
            "uq_lesson_group_starts",
            "group_id",
            "starts_at",
            unique=True,
            postgresql_where=text("group_id IS NOT NULL"),
        ),
        Index("ix_lesson_teacher_starts", "teacher_id", "starts_at"),
        Index("ix_lesson_starts_at", "starts_at"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    teacher_id: Mapped[uuid.UUID]
    group_id: Mapped[uuid.UUID | None]
    room_id: Mapped[uuid.UUID | None]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    price_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    topic: Mapped[str | None] = mapped_column(String(300))
    homework: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    calendar_event_id: Mapped[uuid.UUID | None]
    booked_by: Mapped[str] = mapped_column(String(200))
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(16))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    late_cancel: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    completed_at: Mapped[datetime | None]

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class LessonStudent(Base):
    """A student's seat in a lesson, their attendance mark and the price they owe for it."""

    __tablename__ = "lesson_student"
    __table_args__ = (
        CheckConstraint(f"attendance IS NULL OR attendance IN {ATTENDANCE!r}", name="attendance_known"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
        Index("ix_lesson_student_student_id", "student_id"),
    )

    lesson_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lesson.id", ondelete="CASCADE"), primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    price_minor: Mapped[int] = mapped_column(Integer)
    attendance: Mapped[str | None] = mapped_column(String(16))
    marked_at: Mapped[datetime | None]
