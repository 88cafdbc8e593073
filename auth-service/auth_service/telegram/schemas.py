"""Telegram requests and responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

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
    telegram_id: int
    chat_id: int


class LinkResult(BaseModel):
    user_id: uuid.UUID
    role: Role
    first_name: str
