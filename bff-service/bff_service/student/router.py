"""Student screens: dashboard, booking, lessons, cancellation, ledger, feedback."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import AwareDatetime

from ..downstream import IdempotencyKey
from ..schemas import Ledger, Slot
from ..session.dependencies import AnyCaller, StudentCaller
from . import service as student_service
from .schemas import (
    BookingQuote,
    BookingRequest,
    BookingResult,
    CancelRequest,
    CancelResult,
    FeedbackCreate,
    FeedbackRead,
    StudentDashboard,
    StudentLesson,
)

router = APIRouter(prefix="/api", tags=["student"])


@router.get("/student/dashboard", response_model=StudentDashboard)
async def student_dashboard(caller: StudentCaller) -> Response:
    """Next lessons, balance, packages, groups and recent homework in one answer."""
    # Already shaped by StudentDashboard (and possibly from the cache): sent as it is.
    return Response(content=await student_service.get_dashboard(caller), media_type="application/json")


@router.get("/booking/slots", response_model=list[Slot])
async def booking_slots(
    caller: AnyCaller,
    teacher_id: UUID,
    from_: Annotated[datetime, Query(alias="from")],
    to: datetime,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> Response:
    """Free slots of a teacher in UTC (the app shows them in the viewer's time zone); range capped."""
    body = await student_service.list_slots(caller, str(teacher_id), from_, to, duration_minutes)
    return Response(content=body, media_type="application/json")


@router.get("/booking/quote", response_model=BookingQuote)
async def booking_quote(
    caller: StudentCaller,
    starts_at: AwareDatetime,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
) -> dict[str, Any]:
    """The price, the package lesson it would use and the cancellation notice, before booking."""
    return await student_service.quote_booking(caller, starts_at, duration_minutes)


@router.post("/booking", status_code=201, response_model=BookingResult)
async def book(
    data: BookingRequest, caller: StudentCaller, idempotency_key: IdempotencyKey, response: Response
) -> dict[str, Any]:
    """Book an individual lesson; the same Idempotency-Key replays the first result."""
    result, replayed = await student_service.book_lesson(caller, data.model_dump(mode="json"), idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result


@router.get("/student/lessons", response_model=list[StudentLesson])
async def student_lessons(
    caller: StudentCaller,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: datetime | None = None,
) -> list[dict[str, Any]]:
    """The student's lessons in a range (default: the last 30 and the next 60 days)."""
    return await student_service.list_lessons(caller, from_, to)


@router.post("/lessons/{lesson_id}/cancel", response_model=CancelResult)
async def cancel_lesson(lesson_id: UUID, caller: AnyCaller, data: CancelRequest | None = None) -> Any:
    """Cancel under the studio policy; the answer says whether it was late and what it costs."""
    data = data or CancelRequest()
    return await student_service.cancel_lesson(caller, str(lesson_id), data.reason, data.charge)


@router.post("/lessons/{lesson_id}/feedback", status_code=201, response_model=FeedbackRead)
async def leave_feedback(lesson_id: UUID, data: FeedbackCreate, caller: StudentCaller) -> Any:
    """Rate a completed lesson (1 to 5, optional comment)."""
    return await student_service.leave_feedback(caller, str(lesson_id), data.model_dump())


@router.get("/student/ledger", response_model=Ledger)
async def student_ledger(caller: StudentCaller) -> Any:
    """Balance and every ledger entry, newest first."""
    return await student_service.get_ledger(caller)
