"""Level assessments as the web app sees them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

CefrLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]


class AssessmentCreate(BaseModel):
    level: CefrLevel
    assessed_at: AwareDatetime
    comment: str | None = Field(default=None, max_length=2000)


class Assessment(BaseModel):
    id: UUID
    student_id: UUID
    level: str
    assessed_at: datetime
    comment: str | None
    assessed_by: str | None
