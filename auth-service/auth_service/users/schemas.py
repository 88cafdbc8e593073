"""User schemas; the validated field types are shared by every auth form."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from studio_kit.types import Page as Page
from studio_kit.types import TimeZone, to_e164

from .models import Role


def _lower(value: str) -> str:
    return value.lower()


Email = Annotated[EmailStr, Field(max_length=320), AfterValidator(_lower)]
# A studio in Russia: numbers written without a country code are read as Russian ones.
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=32), AfterValidator(lambda value: to_e164(value, "RU"))
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
OptionalName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Language = Literal["ru", "en"]
# The length cap guards argon2 against huge inputs; the policy check gives the friendly message.
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    role: Role
    first_name: str
    last_name: str
    is_active: bool
    telegram_id: int | None
    email_verified: bool
    phone: str | None
    timezone: str | None
    language: str
    created_at: datetime
    password_change_required: bool = False


class UserCreate(BaseModel):
    """Another service (or an admin) creates an account; `id` keeps the platform-wide identity."""

    id: uuid.UUID | None = None
    email: Email
    role: Role
    first_name: Name
    last_name: OptionalName = ""
    phone: Phone | None = None
    timezone: TimeZone | None = None
    invite: bool = False
    language: Language = "ru"


class UserUpdate(BaseModel):
    role: Role | None = None
    is_active: bool | None = None
    first_name: Name | None = None
    last_name: OptionalName | None = None
    phone: Phone | None = None


class InvitationCreate(BaseModel):
    email: Email
    role: Role
    first_name: Name
    last_name: OptionalName = ""
    phone: Phone | None = None
    language: Language = "ru"


class InvitationRead(BaseModel):
    user: UserRead
    expires_at: datetime


InvitationState = Literal["accepted", "pending", "expired", "not_sent"]


class InvitationStatus(BaseModel):
    """Whether an invited person has set their password yet, and the latest link's dates."""

    user_id: uuid.UUID
    status: InvitationState
    sent_at: datetime | None
    expires_at: datetime | None


class PasswordChange(BaseModel):
    """The signed-in user replaces their password; the current one proves it is them."""

    current_password: Annotated[str, StringConstraints(max_length=1024)] = ""
    new_password: Password
