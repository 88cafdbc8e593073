"""Student profile schemas, plus the page and money shapes every domain shares."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from studio_kit.types import Page as Page
from studio_kit.types import PageFilter, Phone, SingleLineText, TimeZone

Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
StudentStatus = Literal["lead", "trial", "active", "paused", "archived"]


Timezone = TimeZone
Name = Annotated[SingleLineText, Field(min_length=1, max_length=100)]


class Money(BaseModel):
    amount_minor: int
    currency: str


class Guardian(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    phone: Phone | None = None
    email: EmailStr | None = None


class StudentCreate(BaseModel):
    # Identity rule: when the student has an auth account, its user id becomes the profile id.
    user_id: uuid.UUID | None = None
    first_name: Name
    last_name: SingleLineText = Field(default="", max_length=100)
    email: EmailStr | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    level: Level | None = None
    goals: str | None = Field(default=None, max_length=2000)
    timezone: Timezone = "Europe/Moscow"
    status: StudentStatus = "active"
    source: str = Field(default="admin", min_length=1, max_length=30)
    guardian: Guardian | None = None


class StudentUpdate(BaseModel):
    user_id: uuid.UUID | None = None
    first_name: Name | None = None
    last_name: SingleLineText | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    level: Level | None = None
    goals: str | None = Field(default=None, max_length=2000)
    timezone: Timezone | None = None
    status: StudentStatus | None = None
    source: str | None = Field(default=None, min_length=1, max_length=30)
    guardian: Guardian | None = None


# What a student may change in their own profile; the rest is the studio's to decide.
SELF_EDITABLE_FIELDS = frozenset({"first_name", "last_name", "phone", "goals", "timezone", "guardian"})


class StudentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID | None
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    birth_date: date | None
    level: str | None
    goals: str | None
    timezone: str
    status: str
    source: str
    guardian: Guardian | None
    created_at: datetime
    balance: Money


class StudentFilter(PageFilter):
    search: str | None = Field(default=None, max_length=100)
    status: StudentStatus | None = None
    level: Level | None = None
