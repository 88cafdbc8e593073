"""The answer of the batched free-slots call: calendary's shape, passed through."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

from ..schemas import Slot


class TeacherSlots(BaseModel):
    teacher_id: UUID
    slots: list[Slot]


class TeacherSlotsBatch(BaseModel):
    """Free slots of many teachers (UTC instants), each teacher once, in the order asked."""

    duration_minutes: int
    teachers: list[TeacherSlots]
