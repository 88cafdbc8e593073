"""Response shapes of slots and the teacher's schedule."""

import uuid
from datetime import datetime

from pydantic import BaseModel

from ..availability.schemas import TimeOffRead
from ..bookings.schemas import EventRead


class SlotRead(BaseModel):
    starts_at: datetime
    ends_at: datetime


class ScheduleRead(BaseModel):
    teacher_id: uuid.UUID
    timezone: str
    availability: list[SlotRead]
    events: list[EventRead]
    time_off: list[TimeOffRead]


class TeacherSlots(BaseModel):
    teacher_id: uuid.UUID
    starts: list[datetime]


class TeacherSlotsBatch(BaseModel):
    """Free slots of many teachers, in the order asked (each teacher once): each slot as its start,
    lasting `duration_minutes` (half the bytes of `{starts_at, ends_at}` pairs)."""

    duration_minutes: int
    teachers: list[TeacherSlots]
