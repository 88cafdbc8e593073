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
