"""HTTP routes of free slots (one teacher's, or many teachers' in one call) and the teacher's schedule."""

import functools
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import AwareDatetime

from ..dependencies import RedisDep, SessionDep, SettingsDep, SlotReader, TeacherReader
from . import service as slot_service
from .schemas import ScheduleRead, SlotRead, TeacherSlotsBatch

router = APIRouter(tags=["slots"])
EPOCH = date(1970, 1, 1)

From = Annotated[AwareDatetime, Query(alias="from", description="RFC 3339 with offset")]
To = Annotated[AwareDatetime, Query(alias="to", description="RFC 3339 with offset")]
Duration = Annotated[int, Query(ge=15, le=240)]


@router.get("/teachers/{teacher_id}/slots", response_model=list[SlotRead])
async def list_slots(
    teacher_id: uuid.UUID,
    starts_at: From,
    ends_at: To,
    session: SessionDep,
    settings: SettingsDep,
    redis: RedisDep,
    _: SlotReader,
    duration_minutes: Duration = 60,
) -> Response:
    """Free slots of a teacher starting in [from, to), in UTC."""
    slots = await slot_service.list_free_slots_of_teachers(
        session, redis, settings, [teacher_id], starts_at, ends_at, duration_minutes
    )
    # Written by hand, as pydantic writes SlotRead: the BFF passes these bytes on, and building
    # models of every slot cost more than finding them.
    seconds = duration_minutes * 60
    body = ",".join(
        f'{{"starts_at":"{_utc_text(start)}","ends_at":"{_utc_text(start + seconds)}"}}' for start in slots[teacher_id]
    )
    return Response(f"[{body}]", media_type="application/json")


@functools.lru_cache(maxsize=4096)
def _day_text(day: int) -> str:
    return (EPOCH + timedelta(days=day)).isoformat()


def _utc_text(seconds: int) -> str:
    """A whole-second Unix instant as pydantic writes a UTC datetime: 2026-12-07T09:30:00Z."""
    day, second = divmod(seconds, 86400)
    return f"{_day_text(day)}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"


@router.get("/slots", response_model=TeacherSlotsBatch)
async def list_slots_of_teachers(
    starts_at: From,
    ends_at: To,
    session: SessionDep,
    settings: SettingsDep,
    redis: RedisDep,
    _: SlotReader,
    teacher_ids: Annotated[list[uuid.UUID], Query(alias="teacher_id", min_length=1)],
    duration_minutes: Duration = 60,
) -> Response:
    """Free slots of many teachers starting in [from, to), in one call: up to
    CALENDARY_SLOTS_BATCH_MAX_TEACHERS teachers over up to the booking horizon (400
    too_many_teachers, range_too_large)."""
    slot_service.check_batch(settings, teacher_ids)
    slots = await slot_service.list_free_slots_of_teachers(
        session,
        redis,
        settings,
        teacher_ids,
        starts_at,
        ends_at,
        duration_minutes,
        max_days=slot_service.batch_max_days(settings),
    )
    # Serialised by hand: tens of thousands of slots through pydantic cost more than the query, and
    # teachers share their hours, so each instant is formatted once (as pydantic writes UTC: "Z").
    texts: dict[int, str] = {}

    def utc(instant: int) -> str:
        text = texts.get(instant)
        if text is None:
            text = texts[instant] = datetime.fromtimestamp(instant, UTC).isoformat().replace("+00:00", "Z")
        return text

    body = {
        "duration_minutes": duration_minutes,
        "teachers": [
            {"teacher_id": str(teacher_id), "starts": [utc(start) for start in own]}
            for teacher_id, own in slots.items()
        ],
    }
    return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


@router.get("/teachers/{teacher_id}/schedule", response_model=ScheduleRead)
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
