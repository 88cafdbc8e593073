"""Series schemas: the generation request and what it did."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..lessons.schemas import LessonRead


class SeriesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: date = Field(alias="from")
    to: date

    @model_validator(mode="after")
    def _ordered(self) -> SeriesRequest:
        if self.to < self.from_:
            raise ValueError("`to` must not be before `from`")
        return self


class SkippedOccurrence(BaseModel):
    starts_at: datetime
    code: str
    detail: str


class SeriesResult(BaseModel):
    group_id: uuid.UUID
    created: list[LessonRead]
    existing: list[datetime] = Field(description="Occurrences that already had a lesson")
    skipped: list[SkippedOccurrence] = Field(description="Occurrences calendary refused (taken slot or room)")


class PlanResult(BaseModel):
    """What activating a group, or re-planning it after a schedule change, did to its lessons."""

    group_id: uuid.UUID
    lessons_created: int
    lessons_cancelled: int = 0
    skipped: list[SkippedOccurrence]


class ClosedDayCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date
    reason: str | None = Field(default=None, max_length=200)


class ClosedDayRead(BaseModel):
    date: date
    reason: str | None
