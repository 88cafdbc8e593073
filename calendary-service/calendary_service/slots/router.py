"""HTTP routes of free slots and the teacher's schedule."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from ..dependencies import RedisDep, SessionDep, SettingsDep, SlotReader, TeacherReader
from . import service as slot_service
from .schemas import ScheduleRead, SlotRead

router = APIRouter(prefix="/teachers/{teacher_id}", tags=["slots"])

From = Annotated[AwareDatetime, Query(alias="from", description="RFC 3339 with offset")]
To = Annotated[AwareDatetime, Query(alias="to", description="RFC 3339 with offset")]


@router.get("/slots", response_model=list[SlotRead])
async def list_slots(
    teacher_id: uuid.UUID,
    starts_at: From,
    ends_at: To,
    session: SessionDep,
    settings: SettingsDep,
    redis: RedisDep,
    _: SlotReader,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> list[SlotRead]:
    """Free slots of a teacher starting in [from, to), in UTC."""
    slots = await slot_service.list_free_slots(
        session, redis, settings, teacher_id, starts_at, ends_at, duration_minutes
    )
    return [SlotRead(starts_at=start, ends_at=end) for start, end in slots]


@router.get("/schedule", response_model=ScheduleRead)
async def get_schedule(
    teacher_id: uuid.UUID,
    starts_at: From,
    ends_at: To,
    session: SessionDep,
    settings: SettingsDep,
    _: TeacherReader,
) -> ScheduleRead:
    """The teacher's working intervals, events and time off in a range."""
    return await slot_service.get_schedule(session, settings, teacher_id, starts_at, ends_at)
