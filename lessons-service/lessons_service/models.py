"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, audit_entries, idempotency_records, inbox_messages, outbox_messages
from .feedback.models import Feedback
from .lessons.models import Lesson, LessonStudent
from .prices.models import PriceList, PriceListItem
from .series.models import StudioClosedDay

__all__ = [
    "Base",
    "Feedback",
    "Lesson",
    "LessonStudent",
    "PriceList",
    "PriceListItem",
    "StudioClosedDay",
    "audit_entries",
    "idempotency_records",
    "inbox_messages",
    "outbox_messages",
]
