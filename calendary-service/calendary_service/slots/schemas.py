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
    slots: list[SlotRead]


class TeacherSlotsBatch(BaseModel):
    """Free slots of many teachers, in the order asked (each teacher once)."""

    duration_minutes: int
    teachers: list[TeacherSlots]
