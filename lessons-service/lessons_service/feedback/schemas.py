"""Feedback schemas: FeedbackCreate (web), InternalFeedbackCreate (bot), FeedbackRead."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class FeedbackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)


class InternalFeedbackCreate(FeedbackCreate):
    student_id: uuid.UUID


class FeedbackRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    lesson_id: uuid.UUID
    student_id: uuid.UUID
    rating: int
    comment: str | None
    created_at: datetime
