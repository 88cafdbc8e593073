"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, audit_entries, inbox_messages, outbox_messages
from .groups.models import Group
from .membership.models import GroupMembership, WaitlistEntry

__all__ = ["Base", "Group", "GroupMembership", "WaitlistEntry", "audit_entries", "inbox_messages", "outbox_messages"]
