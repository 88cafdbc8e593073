"""Events auth-service publishes (the payloads docs/events.md lists), written through the outbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox


class UserInvited(BaseModel):
    user_id: uuid.UUID
    email: str
    role: str
    first_name: str
    language: str
    invite_url: str
    expires_at: datetime


class UserPasswordResetRequested(BaseModel):
    user_id: uuid.UUID
    email: str
    language: str
    reset_url: str
    expires_at: datetime


class UserEmailVerificationRequested(BaseModel):
    user_id: uuid.UUID
    email: str
    language: str
    verify_url: str
    expires_at: datetime


class UserTelegramLinked(BaseModel):
    user_id: uuid.UUID
    telegram_id: int
    chat_id: int
    role: str


class UserDeactivated(BaseModel):
    user_id: uuid.UUID
    role: str


class UserSessionsRevoked(BaseModel):
    """Every session of the user ended (password reset or change, role change, deactivation, "log out
    everywhere", an unverified account claimed by SSO) except `kept_session_id`, when one was kept."""

    user_id: uuid.UUID
    reason: str
    kept_session_id: uuid.UUID | None = None


class UserRegistered(BaseModel):
    """A student signed up by themself (password or OAuth): students-service may create the profile."""

    user_id: uuid.UUID
    email: str
    role: str
    first_name: str
    last_name: str
    phone: str | None
    timezone: str | None
    language: str


EVENT_TYPES: dict[type[BaseModel], str] = {
    UserInvited: "user.invited",
    UserPasswordResetRequested: "user.password_reset_requested",
    UserEmailVerificationRequested: "user.email_verification_requested",
    UserTelegramLinked: "user.telegram_linked",
    UserDeactivated: "user.deactivated",
    UserRegistered: "user.registered",
    UserSessionsRevoked: "user.sessions_revoked",
}


async def publish(session: AsyncSession, payload: BaseModel) -> None:
    """Write the event into the caller's transaction."""
    data: dict[str, Any] = payload.model_dump(mode="json")
    await outbox.add(session, EVENT_TYPES[type(payload)], data, subject=str(data["user_id"]))
