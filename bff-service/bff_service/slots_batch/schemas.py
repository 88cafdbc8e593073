"""The answer of the batched free-slots call: calendary's shape, passed through."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel


class TeacherSlots(BaseModel):
    teacher_id: UUID
    starts: list[datetime]


class TeacherSlotsBatch(BaseModel):
    """Free slots of many teachers (UTC instants), each teacher once, in the order asked: each slot
    as its start, lasting `duration_minutes`."""

    duration_minutes: int
    teachers: list[TeacherSlots]
