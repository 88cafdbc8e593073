"""Assessment schemas."""

import uuid
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ..students.schemas import Level


class AssessmentCreate(BaseModel):
    level: Level
    assessed_at: AwareDatetime
    comment: str | None = Field(default=None, max_length=2000)


class AssessmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    level: str
    assessed_at: datetime
    comment: str | None
    assessed_by: str | None
    created_at: datetime
