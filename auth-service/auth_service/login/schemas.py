"""Login request."""

from pydantic import BaseModel, Field

from ..users.schemas import Email, Password


class LoginRequest(BaseModel):
    email: Email
    password: Password
    # From an earlier successful login in the same browser (LoginResult.device_token, kept by the
    # BFF in a cookie): failures from that browser count against it, not against the account.
    device_token: str | None = Field(default=None, min_length=16, max_length=100)
