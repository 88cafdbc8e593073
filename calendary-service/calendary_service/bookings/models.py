"""Calendar events (holds and booked lessons) and their attendees, guarded by exclusion constraints."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Computed, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import TSTZRANGE, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio_kit.db import TimestampMixin, UUIDPrimaryKeyMixin

from ..database import Base

# A row blocks time only while it is live. An expired hold may still say 'held' for a moment (a
# partial-index predicate cannot use now()), so writers expire stale holds before they insert.
LIVE_STATUSES = ("held", "confirmed")
LIVE_PREDICATE = "status IN ('held', 'confirmed')"
TEACHER_EXCLUSION = "excl_calendar_event_teacher_during"
ROOM_EXCLUSION = "excl_calendar_event_room_during"
STUDENT_EXCLUSION = "excl_calendar_event_attendee_student_during"
DURING = "tstzrange(starts_at, ends_at, '[)')"


class CalendarEvent(UUIDPrimaryKeyMixin, TimestampMixin, Base):
    __tablename__ = "calendar_event"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="time_order"),
        CheckConstraint("kind IN ('individual', 'group', 'trial')", name="kind_values"),
        CheckConstraint("status IN ('held', 'confirmed', 'cancelled', 'expired')", name="status_values"),
        CheckConstraint("status <> 'held' OR expires_at IS NOT NULL", name="hold_expires"),
        ExcludeConstraint(
            ("teacher_id", "="),
            ("during", "&&"),
            name=TEACHER_EXCLUSION,
            using="gist",
            where=text(LIVE_PREDICATE),
        ),
        ExcludeConstraint(
            ("room_id", "="),
            ("during", "&&"),
            name=ROOM_EXCLUSION,
            using="gist",
            where=text(f"room_id IS NOT NULL AND {LIVE_PREDICATE}"),
        ),
        Index("ix_calendar_event_held_expiry", "expires_at", postgresql_where=text("status = 'held'")),
        Index("ix_calendar_event_lesson", "lesson_id"),
        Index("ix_calendar_event_teacher_starts", "teacher_id", "starts_at"),
    )

    teacher_id: Mapped[uuid.UUID]
    room_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    during: Mapped[object] = mapped_column(TSTZRANGE, Computed(DURING, persisted=True))
    expires_at: Mapped[datetime | None]
    lesson_id: Mapped[uuid.UUID | None]
    # RFC 5545 SEQUENCE: bumped whenever a booked event moves or is cancelled.
    sequence: Mapped[int] = mapped_column(server_default="0", default=0)


class CalendarEventAttendee(Base):
    """A student's seat in an event. It copies the event's time and status because an exclusion
    constraint can only look at one table; the copy is what makes a student's confirmed lessons
    impossible to overlap."""

    __tablename__ = "calendar_event_attendee"
    __table_args__ = (
        ExcludeConstraint(
            ("student_id", "="),
            ("during", "&&"),
            name=STUDENT_EXCLUSION,
            using="gist",
            where=text("status = 'confirmed'"),
        ),
        Index("ix_calendar_event_attendee_student_starts", "student_id", "starts_at"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calendar_event.id", ondelete="CASCADE"), primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    during: Mapped[object] = mapped_column(TSTZRANGE, Computed(DURING, persisted=True))
