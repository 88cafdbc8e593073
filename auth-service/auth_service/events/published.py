"""Events auth-service publishes, fields exactly as docs/events.md lists them (the contract test
compares them). Write one with `outbox.add(session, UserInvited(...))`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from studio_kit.messaging import PublishedEvent


class _UserEvent(PublishedEvent):
    subject_field: ClassVar[str | None] = "user_id"


class UserInvited(_UserEvent):
    event_type: ClassVar[str] = "user.invited"

    user_id: uuid.UUID
    email: str
    role: str
    first_name: str
    language: str
    invite_url: str
    expires_at: datetime


class UserPasswordResetRequested(_UserEvent):
    event_type: ClassVar[str] = "user.password_reset_requested"

    user_id: uuid.UUID
    email: str
    language: str
    reset_url: str
    expires_at: datetime


class UserEmailVerificationRequested(_UserEvent):
    event_type: ClassVar[str] = "user.email_verification_requested"

    user_id: uuid.UUID
    email: str
    language: str
    verify_url: str
    expires_at: datetime


class UserTelegramLinked(_UserEvent):
    event_type: ClassVar[str] = "user.telegram_linked"

    user_id: uuid.UUID
    telegram_id: int
    chat_id: int
    role: str


class UserDeactivated(_UserEvent):
    event_type: ClassVar[str] = "user.deactivated"

    user_id: uuid.UUID
    role: str


class UserSessionsRevoked(_UserEvent):
    """Every session of the user ended (password reset or change, role change, deactivation, "log out
    everywhere", an unverified account claimed by SSO) except `kept_session_id`, when one was kept."""

    event_type: ClassVar[str] = "user.sessions_revoked"

    user_id: uuid.UUID
    reason: str
    kept_session_id: uuid.UUID | None = None


class UserRegistered(_UserEvent):
    """A student signed up by themself (password or OAuth): students-service may create the profile."""

    event_type: ClassVar[str] = "user.registered"

    user_id: uuid.UUID
    email: str
    role: str
    first_name: str
    last_name: str
    phone: str | None
    timezone: str | None
    language: str
