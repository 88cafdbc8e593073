"""Journal schemas: attendance marks, the lesson's topic/homework/notes, and the group matrix."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..lessons.schemas import AttendanceStatus, LessonStatus


class AttendanceMark(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_id: uuid.UUID
    status: AttendanceStatus


class AttendanceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str | None = Field(default=None, max_length=300)
    homework: str | None = Field(default=None, max_length=5000)
    notes: str | None = Field(default=None, max_length=5000)
    attendance: list[AttendanceMark] = Field(default_factory=list, max_length=100)


class JournalDate(BaseModel):
    lesson_id: uuid.UUID
    starts_at: datetime
    status: LessonStatus
    topic: str | None


class JournalCell(BaseModel):
    student_id: uuid.UUID
    lesson_id: uuid.UUID
    status: AttendanceStatus | None


class JournalMatrix(BaseModel):
    group_id: uuid.UUID
    students: list[uuid.UUID]
    dates: list[JournalDate]
    cells: list[JournalCell] = Field(description="One per student on a lesson's roster; status null = not marked")
