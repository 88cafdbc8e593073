"""Payroll lines: one per completed lesson."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import utcnow

from ..database import Base


class PayrollLine(Base):
    __tablename__ = "payroll_line"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # Unique: a redelivered `lesson.completed` cannot pay a lesson twice.
    lesson_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    teacher_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    duration_minutes: Mapped[int]
    students_present: Mapped[int]
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    rate_id: Mapped[uuid.UUID | None]
    rate_missing: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class PayrollPayment(Base):
    """A teacher's month marked paid: the amount paid then, and that month's lines frozen from then on."""

    __tablename__ = "payroll_payment"

    teacher_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    lessons: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    paid_by: Mapped[str] = mapped_column(String(100))
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
