from datetime import date
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field


class StudentCreate(BaseModel):
    email: EmailStr | None = None
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    level: str | None = Field(default=None, pattern="^(A1|A2|B1|B2|C1|C2)$")
    timezone: str | None = Field(default=None, max_length=64)
    birth_date: date | None = None
    goals: str | None = Field(default=None, max_length=2000)
    invite: bool = False


class TeacherCreate(BaseModel):
    email: EmailStr
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    bio: str | None = Field(default=None, max_length=4000)
    levels: list[str] = Field(default_factory=list)
    specialisations: list[str] = Field(default_factory=list)
    timezone: str = "Europe/Moscow"


class PaymentCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=100_000_000)
    method: str = Field(pattern="^(cash|card|transfer|online)$")
    comment: str | None = Field(default=None, max_length=500)


class PackageCreate(BaseModel):
    lessons: int = Field(gt=0, le=500)
    price_minor: int = Field(ge=0, le=100_000_000)
    valid_until: date


class MemberAdd(BaseModel):
    student_id: UUID


class MemberMove(BaseModel):
    to_group_id: UUID


class LeadUpdate(BaseModel):
    status: str = Field(pattern="^(new|contacted|trial_scheduled|won|lost)$")
    note: str | None = Field(default=None, max_length=2000)
