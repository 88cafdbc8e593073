"""Login request."""

from pydantic import BaseModel

from ..users.schemas import Email, Password


class LoginRequest(BaseModel):
    email: Email
    password: Password
