"""User schemas; the validated field types are shared by every auth form."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from .models import Role


def _lower(value: str) -> str:
    return value.lower()


def _e164(value: str) -> str:
    # A studio in Russia: numbers written without a country code are read as Russian ones.
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("not an IANA time zone") from exc
    return value


Email = Annotated[EmailStr, Field(max_length=320), AfterValidator(_lower)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32), AfterValidator(_e164)]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timezone)]
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


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    size: int
