from pydantic import BaseModel, EmailStr, Field


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
    language: str | None = Field(default=None, pattern="^(ru|en)$")


class MiniAppLoginRequest(BaseModel):
    init_data: str = Field(min_length=1, max_length=4096)


class UserRead(BaseModel):
    id: str
    email: str | None = None
    role: str
    first_name: str | None = None
    last_name: str | None = None


class UserEnvelope(BaseModel):
    user: UserRead


class MeRead(BaseModel):
    id: str
    email: str | None = None
    role: str
    profile: dict[str, object] = Field(default_factory=dict)
    degraded: list[str] = Field(default_factory=list)
