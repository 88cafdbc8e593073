"""HTTP route of the studio calendar's batched schedule read."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from studio_kit.auth import CurrentUser
from studio_kit.errors import Forbidden

from ..dependencies import READ_SCOPE, SessionDep, SettingsDep
from ..slots import service as slot_service
from ..slots.schemas import ScheduleRead

router = APIRouter(tags=["slots"])

MAX_TEACHERS = 200


@router.get("/schedules", response_model=list[ScheduleRead])
async def get_schedules(
    starts_at: Annotated[AwareDatetime, Query(alias="from", description="RFC 3339 with offset")],
    ends_at: Annotated[AwareDatetime, Query(alias="to", description="RFC 3339 with offset")],
    teacher_ids: Annotated[list[uuid.UUID], Query(alias="teacher_id", min_length=1, max_length=MAX_TEACHERS)],
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentUser,
) -> list[ScheduleRead]:
    """The working intervals, events and time off of several teachers in a range, in the order
    asked (each teacher once): what `/teachers/{id}/schedule` answers, for an admin or a service
    with calendary:read, in one round trip."""
    if not (principal.role == "admin" or (principal.is_service and principal.has_scope(READ_SCOPE))):
        raise Forbidden("Only an admin or a service may read several calendars at once.")
    return [
        await slot_service.get_schedule(session, settings, teacher_id, starts_at, ends_at)
        for teacher_id in dict.fromkeys(teacher_ids)
    ]
