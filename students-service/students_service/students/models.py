"""Student profiles and the teacher-student relation used for authorization."""

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Index, String, Text, false, func, text
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, utcnow

from ..database import Base

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
STATUSES = ("lead", "trial", "active", "paused", "archived")


class Student(TimestampMixin, Base):
    __tablename__ = "student"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        CheckConstraint(f"level IS NULL OR level IN {LEVELS!r}", name="level"),
        Index(
            "uq_student_email_lower", func.lower(text("email")), unique=True, postgresql_where=text("email IS NOT NULL")
        ),
    )

    # Identity rule: equals the auth user id once the student has an account.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    level: Mapped[str | None] = mapped_column(String(2))
    goals: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), index=True)
    source: Mapped[str] = mapped_column(String(30))
    guardian_name: Mapped[str | None] = mapped_column(String(200))
    guardian_phone: Mapped[str | None] = mapped_column(String(20))
    guardian_email: Mapped[str | None] = mapped_column(String(320))
    # Whether `balance.low` was already sent for the current dip below the threshold.
    balance_low: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TeacherStudent(Base):
    """One reason why a teacher teaches a student: a group membership or a lesson."""

    __tablename__ = "teacher_student"
    __table_args__ = (CheckConstraint("via IN ('group', 'lesson')", name="via"),)

    teacher_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, index=True)
    via: Mapped[str] = mapped_column(String(10), primary_key=True)
    ref_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
