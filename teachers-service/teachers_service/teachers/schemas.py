"""Teacher schemas: the public card (no contacts) and the admin's full record."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, EmailStr, Field, HttpUrl

from studio_kit.types import Page as Page
from studio_kit.types import PageFilter, Phone, SingleLineText, TimeZone

Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
TeacherStatus = Literal["active", "inactive"]


Timezone = TimeZone
Specialisation = Annotated[str, Field(min_length=1, max_length=50)]


class Rating(BaseModel):
    average: float | None
    count: int


class TeacherPublic(BaseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    bio: str | None
    levels: list[str]
    specialisations: list[str]
    timezone: str
    photo_url: str | None
    rating: Rating


class TeacherRead(TeacherPublic):
    email: str
    phone: str | None
    status: TeacherStatus
    created_at: datetime
    updated_at: datetime


class TeacherCreate(BaseModel):
    # Identity rule: the teacher's auth user id, when the account already exists.
    id: uuid.UUID | None = None
    first_name: SingleLineText = Field(min_length=1, max_length=100)
    last_name: SingleLineText = Field(min_length=1, max_length=100)
    email: EmailStr
    phone: Phone | None = None
    bio: str | None = Field(default=None, max_length=5000)
    photo_url: HttpUrl | None = None
    levels: list[Level] = Field(default_factory=list, max_length=6)
    specialisations: list[Specialisation] = Field(default_factory=list, max_length=20)
    timezone: Timezone = "Europe/Moscow"
    status: TeacherStatus = "active"


class TeacherUpdate(BaseModel):
    first_name: SingleLineText | None = Field(default=None, min_length=1, max_length=100)
    last_name: SingleLineText | None = Field(default=None, min_length=1, max_length=100)
    email: EmailStr | None = None
    phone: Phone | None = None
    bio: str | None = Field(default=None, max_length=5000)
    photo_url: HttpUrl | None = None
    levels: list[Level] | None = Field(default=None, max_length=6)
    specialisations: list[Specialisation] | None = Field(default=None, max_length=20)
    timezone: Timezone | None = None
    status: TeacherStatus | None = None


# What a teacher may change on their own card; the rest is the studio's to decide.
SELF_EDITABLE_FIELDS = frozenset({"bio", "photo_url"})
REQUIRED_FIELDS = frozenset({"first_name", "last_name", "email", "levels", "specialisations", "timezone", "status"})


class TeacherFilter(PageFilter):
    search: str | None = Field(default=None, max_length=100)
    status: TeacherStatus | None = None


class FeedbackReceived(BaseModel):
    lesson_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    rating: int = Field(ge=1, le=5)
