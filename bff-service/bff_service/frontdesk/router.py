"""Front desk: the studio calendar, booking for any student, moving lessons (API.md "Front desk")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from ..downstream import IdempotencyKey
from ..schemas import Slot
from ..session.dependencies import AdminCaller, AnyCaller
from . import service as frontdesk_service
from .schemas import BookingPolicy, CalendarFilters, FrontDeskBooking, LessonResult, RescheduleRequest, StudioCalendar

router = APIRouter(prefix="/api", tags=["frontdesk"])
From = Annotated[datetime, Query(alias="from")]


@router.get("/admin/calendar", response_model=StudioCalendar)
async def studio_calendar(
    caller: AdminCaller,
    from_: From,
    to: datetime,
    teacher_id: UUID | None = None,
    room_id: UUID | None = None,
    group_id: UUID | None = None,
) -> dict[str, Any]:
    """Every teacher's lessons, time off and hours and the studio's closed days in a range (at most
    31 days), for the studio calendar; filtered by teacher, room or group."""
    filters = CalendarFilters(
        teacher_id=str(teacher_id) if teacher_id else None,
        room_id=str(room_id) if room_id else None,
        group_id=str(group_id) if group_id else None,
    )
    return await frontdesk_service.get_calendar(caller, from_, to, filters)


@router.get("/admin/slots", response_model=list[Slot])
async def admin_slots(
    caller: AdminCaller,
    teacher_id: UUID,
    from_: From,
    to: datetime,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> Any:
    """Free slots of any teacher (UTC instants); range capped."""
    return await frontdesk_service.list_slots(caller, str(teacher_id), from_, to, duration_minutes)


@router.post("/admin/lessons", status_code=201, response_model=LessonResult)
async def admin_book_lesson(
    data: FrontDeskBooking, caller: AdminCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Book an individual or trial lesson for a student; the same Idempotency-Key replays the first result."""
    result, replayed = await frontdesk_service.book_lesson(caller, data.model_dump(mode="json"), idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result


@router.post("/lessons/{lesson_id}/reschedule", response_model=LessonResult)
async def reschedule_lesson(lesson_id: UUID, data: RescheduleRequest, caller: AnyCaller) -> Any:
    """Move a lesson: a student their own inside the notice, a teacher theirs, an admin any; 409 when taken."""
    return await frontdesk_service.reschedule_lesson(caller, str(lesson_id), data.starts_at)


@router.get("/booking/policy", response_model=BookingPolicy)
async def booking_policy(caller: AnyCaller) -> Any:
    """The cancellation notice, shown before a student cancels or moves a lesson."""
    return await frontdesk_service.get_policy(caller)
