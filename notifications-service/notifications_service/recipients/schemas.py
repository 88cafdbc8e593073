"""Recipient shapes for the internal upsert endpoint."""

import uuid
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

Role = Literal["admin", "teacher", "student"]


def check_timezone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {value!r}") from exc
    return value


class RecipientUpsert(BaseModel):
    """Fields to set; a field left out keeps its value, an explicit null clears it."""

    model_config = ConfigDict(extra="forbid")

    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+[1-9]\d{6,14}$")
    telegram_chat_id: int | None = None
    language: Literal["ru", "en"] | None = None
    timezone: str | None = Field(default=None, max_length=64)
    role: Role | None = None
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    active: bool | None = None

    _timezone = field_validator("timezone")(check_timezone)


class RecipientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    user_id: uuid.UUID
    email: str | None
    phone: str | None
    telegram_chat_id: int | None
    language: str | None
    timezone: str | None
    role: str | None
    first_name: str | None
    last_name: str | None
    active: bool
    updated_at: datetime
