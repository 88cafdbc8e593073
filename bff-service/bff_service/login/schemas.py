"""Shapes of login, registration and the logged-in user."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

Role = Literal["admin", "teacher", "student"]


class LoginRequest(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=128)


class RegisterRequest(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=128)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    timezone: str | None = Field(default=None, max_length=64)
    language: Literal["ru", "en"] | None = None


class MiniAppLoginRequest(BaseModel):
    init_data: str = Field(min_length=1, max_length=4096)


class TelegramWidgetLogin(BaseModel):
    """The Telegram Login Widget's user object, passed on untouched: auth-service checks its hash
    over every field the widget sent."""

    model_config = ConfigDict(extra="allow")

    id: int = Field(ge=1, le=2**63 - 1)
    auth_date: int = Field(ge=0)
    hash: str = Field(min_length=64, max_length=64)
    first_name: str | None = Field(default=None, max_length=256)
    last_name: str | None = Field(default=None, max_length=256)
    username: str | None = Field(default=None, max_length=64)
    photo_url: str | None = Field(default=None, max_length=1024)


class UserRead(BaseModel):
    """The account as the web app sees it (no tokens, ever)."""

    id: str
    email: str
    role: Role
    first_name: str
    last_name: str
    email_verified: bool = False
    telegram_linked: bool = False
    language: str = "ru"
    timezone: str | None = None
    password_change_required: bool = Field(
        default=False, description="Only POST /api/auth/password (and logging out) is allowed until it is changed"
    )


class UserEnvelope(BaseModel):
    user: UserRead


class OAuthProviderRead(BaseModel):
    name: str
    title: str


class InvitationAccept(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=8, max_length=128)


class PasswordResetRequest(BaseModel):
    email: EmailStr


class PasswordResetConfirm(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=8, max_length=128)


class EmailVerification(BaseModel):
    token: str = Field(min_length=1, max_length=200)


class PasswordChange(BaseModel):
    current_password: str = Field(default="", max_length=128)
    new_password: str = Field(min_length=8, max_length=128)
