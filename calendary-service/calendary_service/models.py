"""Imports every domain's models so Alembic sees the whole schema."""

from .availability.models import AvailabilityException, AvailabilityRule, TeacherCalendar, TimeOff
from .bookings.models import CalendarEvent, CalendarEventAttendee
from .database import Base, idempotency_records, inbox_messages, outbox_messages
from .feeds.models import FeedToken
from .rooms.models import Room

__all__ = [
    "AvailabilityException",
    "AvailabilityRule",
    "Base",
    "CalendarEvent",
    "CalendarEventAttendee",
    "FeedToken",
    "Room",
    "TeacherCalendar",
    "TimeOff",
    "idempotency_records",
    "inbox_messages",
    "outbox_messages",
]
