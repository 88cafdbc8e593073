"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, inbox_messages, outbox_messages

__all__ = ["Base", "inbox_messages", "outbox_messages"]
