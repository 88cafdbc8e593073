"""Account lifecycle requests."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from ..users.schemas import Email, Language, Name, OptionalName, Password, Phone, TimeZone

LinkToken = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class RegisterRequest(BaseModel):
    email: Email
    password: Password
    first_name: Name
    last_name: OptionalName = ""
    phone: Phone | None = None
    timezone: TimeZone | None = None
    language: Language = "ru"


class AcceptInvitationRequest(BaseModel):
    token: LinkToken
    password: Password


class PasswordResetRequest(BaseModel):
    email: Email


class PasswordResetConfirm(BaseModel):
    token: LinkToken
    password: Password


class VerifyEmailRequest(BaseModel):
    token: LinkToken
