"""HTTP route that generates a group's lessons from its weekly pattern."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from studio_kit.auth import AdminUser, require_roles
from studio_kit.db import Database, SessionDep, get_database

from ..lessons.dependencies import CalendaryDep, GroupsDep, SettingsDep
from . import service as series_service
from .schemas import ClosedDayCreate, ClosedDayRead, PlanResult, SeriesRequest, SeriesResult

router = APIRouter(tags=["series"])
DatabaseDep = Annotated[Database, Depends(get_database)]


@router.post("/groups/{group_id}/lessons/generate", response_model=SeriesResult)
async def generate_series(
    group_id: uuid.UUID,
    data: SeriesRequest,
    user: AdminUser,
    calendary: CalendaryDep,
    groups: GroupsDep,
    settings: SettingsDep,
    database: Annotated[Database, Depends(get_database)],
) -> SeriesResult:
    """Create the group's lessons in a date range; running it again creates nothing twice."""
    return await series_service.generate_series(database, calendary, groups, settings, group_id, data, user)


@router.post("/groups/{group_id}/lessons/activate", response_model=PlanResult)
async def activate_group(
    group_id: uuid.UUID,
    user: AdminUser,
    calendary: CalendaryDep,
    groups: GroupsDep,
    settings: SettingsDep,
    database: DatabaseDep,
) -> PlanResult:
    """Book an active group's lessons for its term, or the rolling horizon when it is open-ended;
    running it again creates nothing twice."""
    return await series_service.activate_group(database, calendary, groups, settings, group_id, user)


@router.post("/groups/{group_id}/lessons/replan", response_model=PlanResult)
async def replan_group(
    group_id: uuid.UUID,
    user: AdminUser,
    calendary: CalendaryDep,
    groups: GroupsDep,
    settings: SettingsDep,
    database: DatabaseDep,
) -> PlanResult:
    """Follow a changed weekly schedule: future lessons off the new pattern are cancelled, the new
    pattern's are booked; past lessons stay."""
    return await series_service.replan_group(database, calendary, groups, settings, group_id, user)


@router.get(
    "/closed-days",
    response_model=list[ClosedDayRead],
    dependencies=[Depends(require_roles("admin", "teacher", "service"))],
)
async def list_closed_days(
    session: SessionDep,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
) -> list[ClosedDayRead]:
    """The studio's closed days (holidays) in a range; by default the coming year."""
    first = from_ or date.today()
    return await series_service.list_closed_days(session, first, to or first + timedelta(days=366))


@router.post("/closed-days", status_code=201, response_model=ClosedDayRead)
async def add_closed_day(data: ClosedDayCreate, session: SessionDep, user: AdminUser) -> ClosedDayRead:
    """Close the studio on a date: group lessons generated from now on skip it."""
    return await series_service.add_closed_day(session, data, user)


@router.delete("/closed-days/{closed_date}", status_code=204)
async def delete_closed_day(closed_date: date, session: SessionDep, _: AdminUser) -> Response:
    """Open a closed day again."""
    await series_service.delete_closed_day(session, closed_date)
    return Response(status_code=204)
