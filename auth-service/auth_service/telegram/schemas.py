"""Telegram requests and responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..users.models import Role


class MiniAppLoginRequest(BaseModel):
    init_data: Annotated[str, StringConstraints(min_length=1, max_length=4096)]


class WidgetLoginRequest(BaseModel):
    """The Login Widget's callback data; every field it sent takes part in the hash."""

    model_config = ConfigDict(extra="allow")

    id: int
    auth_date: int
    hash: Annotated[str, StringConstraints(min_length=64, max_length=64)]
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    photo_url: str | None = None


class LinkTokenRead(BaseModel):
    token: str
    deep_link: str | None
    expires_at: datetime


class LinkRequest(BaseModel):
    token: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    # Telegram ids fit PostgreSQL's bigint; a larger number is a malformed request, not a 500.
    telegram_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    chat_id: Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class LinkResult(BaseModel):
    user_id: uuid.UUID
    role: Role
    first_name: str
