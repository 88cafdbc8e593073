"""Token and session schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints

from ..users.schemas import UserRead

OpaqueToken = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class LoginResult(BaseModel):
    """What every login flow returns; the BFF keeps it server-side behind a cookie."""

    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    user: UserRead
    # Password logins only: proof for the next login from this browser (see LoginRequest).
    device_token: str | None = None


class RefreshRequest(BaseModel):
    refresh_token: OpaqueToken


class SessionRead(BaseModel):
    id: uuid.UUID
    method: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str | None
    ip_address: str | None
    current: bool
