"""HTTP routes of the journal: attendance, completion, the group matrix."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..lessons.dependencies import SettingsDep
from ..lessons.schemas import LessonDetail
from . import service as journal_service
from .schemas import AttendanceUpdate, JournalMatrix

router = APIRouter(tags=["journal"])


@router.put("/lessons/{lesson_id}/attendance", response_model=LessonDetail)
async def update_attendance(
    lesson_id: uuid.UUID, data: AttendanceUpdate, session: SessionDep, user: CurrentUser
) -> LessonDetail:
    """Mark attendance and record topic, homework and notes."""
    return await journal_service.update_attendance(session, lesson_id, user, data)


@router.post("/lessons/{lesson_id}/complete", response_model=LessonDetail)
async def complete_lesson(lesson_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> LessonDetail:
    """Complete a lesson and publish its attendance for charging and payroll."""
    return await journal_service.complete_lesson(session, lesson_id, user)


@router.get("/groups/{group_id}/journal", response_model=JournalMatrix)
async def group_journal(
    group_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    from_: Annotated[AwareDatetime, Query(alias="from")],
    to: AwareDatetime,
) -> JournalMatrix:
    """The group's journal: students by lesson dates with each mark."""
    return await journal_service.group_journal(session, settings, group_id, user, from_, to)
