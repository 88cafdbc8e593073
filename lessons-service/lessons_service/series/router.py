"""HTTP route that generates a group's lessons from its weekly pattern."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from studio_kit.auth import AdminUser
from studio_kit.db import Database, get_database

from ..lessons.dependencies import CalendaryDep, GroupsDep, SettingsDep
from . import service as series_service
from .schemas import SeriesRequest, SeriesResult

router = APIRouter(tags=["series"])


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
