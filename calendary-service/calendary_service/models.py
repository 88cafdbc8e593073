"""Imports every domain's models so Alembic sees the whole schema."""

from .availability.models import AvailabilityException, AvailabilityRule, TeacherCalendar, TimeOff
from .bookings.models import CalendarEvent, CalendarEventAttendee
from .database import Base, inbox_messages, outbox_messages
from .feeds.models import FeedToken
from .idempotency.models import IdempotencyRecord
from .rooms.models import Room

__all__ = [
    "AvailabilityException",
    "AvailabilityRule",
    "Base",
    "CalendarEvent",
    "CalendarEventAttendee",
    "FeedToken",
    "IdempotencyRecord",
    "Room",
    "TeacherCalendar",
    "TimeOff",
    "inbox_messages",
    "outbox_messages",
]
