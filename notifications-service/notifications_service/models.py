"""Imports every domain's models so Alembic sees the whole schema."""

from .audit.models import AuditRecord
from .broadcasts.models import Broadcast
from .database import Base, inbox_messages, outbox_messages
from .notifications.models import Notification
from .preferences.models import Preference
from .push.models import PushSubscription
from .recipients.models import GroupMember, Recipient
from .reminders.models import LessonSnapshot, Reminder

__all__ = [
    "AuditRecord",
    "Base",
    "Broadcast",
    "GroupMember",
    "LessonSnapshot",
    "Notification",
    "Preference",
    "PushSubscription",
    "Recipient",
    "Reminder",
    "inbox_messages",
    "outbox_messages",
]
