"""HTTP routes for lessons: booking, listing, reading, cancelling, rescheduling."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AwareDatetime

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import Database, SessionDep, get_database
from studio_kit.idempotency import RequiredIdempotencyKey
from studio_kit.types import PageNumber

from . import access as lesson_access
from . import saga
from . import service as lesson_service
from .dependencies import CalendaryDep, RedisDep, SettingsDep
from .mappers import to_detail
from .schemas import (
    CancelRequest,
    CancelResult,
    LessonCreate,
    LessonDetail,
    LessonRead,
    LessonStatus,
    Page,
    RescheduleRequest,
    SubstituteRequest,
)

router = APIRouter(prefix="/lessons", tags=["lessons"])


@router.post("", status_code=201, response_model=LessonRead)
async def book_lesson(
    data: LessonCreate,
    idempotency_key: RequiredIdempotencyKey,
    response: Response,
    user: CurrentUser,
    calendary: CalendaryDep,
    settings: SettingsDep,
    redis: RedisDep,
    database: Annotated[Database, Depends(get_database)],
) -> LessonRead:
    """Book an individual or trial lesson; the same Idempotency-Key replays the first answer."""
    await saga.count_booking_attempt(redis, settings, user)
    lesson, replayed = await saga.book_lesson(database, calendary, settings, data, user, idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return lesson


@router.get("", response_model=Page[LessonRead])
async def list_lessons(
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    from_: Annotated[AwareDatetime | None, Query(alias="from")] = None,
    to: AwareDatetime | None = None,
    teacher_id: uuid.UUID | None = None,
    student_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    status: LessonStatus | None = None,
    page: PageNumber = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[LessonRead]:
    """List lessons in a range, scoped to the caller's role."""
    return await lesson_service.list_lessons(
        session,
        settings,
        user,
        starts_from=from_,
        starts_to=to,
        teacher_id=teacher_id,
        student_id=student_id,
        group_id=group_id,
        status=status,
        page=page,
        size=size,
    )


@router.get("/{lesson_id}", response_model=LessonDetail)
async def get_lesson(lesson_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> LessonDetail:
    """One lesson with its roster and attendance."""
    lesson, seats = await lesson_access.get_accessible_lesson(session, lesson_id, user)
    return to_detail(lesson, seats, user)


@router.post("/{lesson_id}/cancel", response_model=CancelResult)
async def cancel_lesson(
    lesson_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    calendary: CalendaryDep,
    settings: SettingsDep,
    data: CancelRequest | None = None,
) -> CancelResult:
    """Cancel a lesson under the notice policy; the answer says whether it was late and the charge."""
    reason = data.reason if data else None
    charge = data.charge if data else None
    return await saga.cancel_lesson(session, calendary, settings, lesson_id, user, reason, charge=charge)


@router.post("/{lesson_id}/reschedule", response_model=LessonRead)
async def reschedule_lesson(
    lesson_id: uuid.UUID,
    data: RescheduleRequest,
    session: SessionDep,
    user: CurrentUser,
    calendary: CalendaryDep,
    settings: SettingsDep,
) -> LessonRead:
    """Move a lesson to a new start time (same duration)."""
    return await saga.reschedule_lesson(session, calendary, settings, lesson_id, user, data.starts_at)


@router.post("/{lesson_id}/substitute", response_model=LessonRead)
async def substitute_teacher(
    lesson_id: uuid.UUID,
    data: SubstituteRequest,
    session: SessionDep,
    user: AdminUser,
    calendary: CalendaryDep,
    settings: SettingsDep,
) -> LessonRead:
    """Hand a lesson to another teacher at the same time; 409 when that teacher is busy or off."""
    return await saga.substitute_teacher(session, calendary, settings, lesson_id, user, data.teacher_id)
