"""Client-credentials token response (RFC 6749 §5.1)."""

from typing import Literal

from pydantic import BaseModel


class ServiceTokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    scope: str
