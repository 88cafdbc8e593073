"""Rate schemas."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LessonKind = Literal["individual", "group", "trial"]
LESSON_KINDS: tuple[LessonKind, ...] = ("individual", "group", "trial")


class RateCreate(BaseModel):
    kind: LessonKind
    amount_minor: int = Field(ge=0, le=100_000_000, description="Paid per lesson of this kind.")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    effective_from: date


class RateSet(BaseModel):
    amount_minor: int = Field(ge=0, le=100_000_000, description="Paid per lesson.")
    valid_from: date
    kinds: list[LessonKind] | None = Field(
        default=None, min_length=1, max_length=3, description="The lesson kinds it pays; every kind if omitted."
    )


class RateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    teacher_id: uuid.UUID
    kind: str
    amount_minor: int
    currency: str
    effective_from: date
    created_at: datetime
