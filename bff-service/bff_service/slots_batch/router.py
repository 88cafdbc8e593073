"""The batched free-slots route: many teachers over weeks in one answer (issue 19)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from ..session.dependencies import AnyCaller
from . import service as slots_batch_service
from .schemas import TeacherSlotsBatch

router = APIRouter(prefix="/api", tags=["booking"])


@router.get("/booking/slots/batch", response_model=TeacherSlotsBatch)
async def booking_slots_batch(
    caller: AnyCaller,
    teacher_ids: Annotated[list[UUID], Query(alias="teacher_id", min_length=1, max_length=100)],
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> Response:
    """Free slots of many teachers (`teacher_id` repeated) in UTC, up to the booking horizon, in one
    call: the bytes calendary wrote, not parsed and written again."""
    body = await slots_batch_service.list_slots_of_teachers(caller, teacher_ids, from_, to, duration_minutes)
    return Response(content=body, media_type="application/json")
