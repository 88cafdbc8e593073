"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, inbox_messages, outbox_messages
from .feedback.models import Feedback
from .lessons.models import BookingRecord, Lesson, LessonStudent

__all__ = ["Base", "BookingRecord", "Feedback", "Lesson", "LessonStudent", "inbox_messages", "outbox_messages"]
