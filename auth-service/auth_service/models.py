"""Imports every domain's models so Alembic sees the whole schema."""

from .database import Base, audit_entries, inbox_messages, outbox_messages
from .links.models import OneTimeToken
from .oauth.models import OAuthIdentity
from .sessions.models import AuthSession, RefreshToken
from .users.models import User

__all__ = [
    "AuthSession",
    "Base",
    "OAuthIdentity",
    "OneTimeToken",
    "RefreshToken",
    "User",
    "audit_entries",
    "inbox_messages",
    "outbox_messages",
]
