"""A teacher's calendar settings, weekly rules, date exceptions and time off."""

import uuid
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Computed, ForeignKey, Index, SmallInteger, String
from sqlalchemy.dialects.postgresql import TSTZRANGE
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base


class TeacherCalendar(TimestampMixin, Base):
    """One row per teacher (id = the teacher's auth user id): the zone their rules are written in."""

    __tablename__ = "teacher_calendar"

    teacher_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))


class AvailabilityRule(UUIDPrimaryKeyMixin, Base):
    """A weekly interval in the teacher's local time, valid on dates [effective_from, effective_to)."""

    __tablename__ = "availability_rule"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("end_time > start_time", name="time_order"),
        CheckConstraint(
            "effective_to IS NULL OR effective_from IS NULL OR effective_to > effective_from", name="effective_order"
        ),
        Index("ix_availability_rule_teacher", "teacher_id", "weekday"),
    )

    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teacher_calendar.teacher_id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_time: Mapped[time]
    end_time: Mapped[time]
    effective_from: Mapped[date | None]
    effective_to: Mapped[date | None]


class AvailabilityException(UUIDPrimaryKeyMixin, Base):
    """A local date that differs from the weekly rules: a (partial) day off or extra hours."""

    __tablename__ = "availability_exception"
    __table_args__ = (
        CheckConstraint("kind IN ('day_off', 'extra')", name="kind_values"),
        CheckConstraint("(start_time IS NULL) = (end_time IS NULL)", name="times_together"),
        CheckConstraint("end_time IS NULL OR end_time > start_time", name="time_order"),
        CheckConstraint("kind = 'day_off' OR start_time IS NOT NULL", name="extra_has_times"),
        Index("ix_availability_exception_teacher", "teacher_id", "exception_date"),
    )

    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teacher_calendar.teacher_id", ondelete="CASCADE"))
    exception_date: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]


class TimeOff(UUIDPrimaryKeyMixin, Base):
    """An absolute period (vacation, sick leave) when the teacher takes no bookings."""

    __tablename__ = "time_off"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="time_order"),
        Index("ix_time_off_teacher_during", "teacher_id", "during", postgresql_using="gist"),
    )

    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teacher_calendar.teacher_id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    during: Mapped[object] = mapped_column(TSTZRANGE, Computed("tstzrange(starts_at, ends_at, '[)')", persisted=True))
    reason: Mapped[str | None] = mapped_column(String(500))
