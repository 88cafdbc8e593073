"""calendary-service's own copy of the events it consumes: only the fields its handlers read
(docs/events.md; the publisher may send more, which is ignored)."""

from __future__ import annotations

import uuid
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from studio_kit.messaging import ConsumedEvent


class RosterLesson(BaseModel):
    model_config = ConfigDict(extra="ignore")

    calendar_event_id: uuid.UUID | None = None


class LessonRosterChanged(ConsumedEvent):
    event_type: ClassVar[str] = "lesson.roster_changed"

    student_id: uuid.UUID
    change: Literal["added", "removed"]
    lessons: list[RosterLesson]
