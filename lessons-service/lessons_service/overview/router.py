"""HTTP routes of the dashboard reads."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..lessons.dependencies import SettingsDep
from . import service as overview_service
from .schemas import AttendanceSummary, StudentLessonOverview

router = APIRouter(tags=["dashboards"])


@router.get("/students/{student_id}/lesson-overview", response_model=StudentLessonOverview)
async def student_lesson_overview(
    student_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    upcoming: Annotated[int, Query(ge=1, le=50)] = 10,
    upcoming_days: Annotated[int, Query(ge=1, le=90)] = 30,
    homework_days: Annotated[int, Query(ge=1, le=90)] = 30,
) -> StudentLessonOverview:
    """The next scheduled lessons and the recent homework of one student, in one call."""
    return await overview_service.student_overview(
        session,
        settings,
        user,
        student_id,
        upcoming=upcoming,
        upcoming_days=upcoming_days,
        homework_days=homework_days,
    )


@router.get("/reports/attendance", response_model=AttendanceSummary)
async def attendance_summary(
    session: SessionDep,
    settings: SettingsDep,
    _: AdminUser,
    from_: Annotated[AwareDatetime, Query(alias="from")],
    to: AwareDatetime,
) -> AttendanceSummary:
    """How many seats of the lessons completed in [from, to) were charged and how many attended
    (an empty range counts nothing)."""
    return await overview_service.attendance_summary(session, settings, from_, to)
