"""Internal HTTP routes of holds and booked events (lessons-service's booking saga)."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel

from studio_kit.auth import Principal, require_service
from studio_kit.idempotency import IdempotencyKey, fingerprint

from ..database import idempotency
from ..dependencies import BOOK_SCOPE, SessionDep, SettingsDep
from . import service as booking_service
from .schemas import EventRead, EventReschedule, HoldConfirm, HoldCreate, LessonEventRead

router = APIRouter(prefix="/internal", tags=["internal"])
BookingService = Annotated[Principal, Depends(require_service(BOOK_SCOPE))]


async def _idempotent(
    request: Request,
    session: SessionDep,
    principal: Principal,
    key: str | None,
    payload: BaseModel | None,
    status_code: int,
    operation: Callable[[], Awaitable[BaseModel]],
) -> JSONResponse:
    outcome = await idempotency.run_once(
        session,
        principal=principal.subject,
        key=key,
        request_hash=fingerprint(request.method, request.url.path, payload),
        status_code=status_code,
        operation=operation,
    )
    return outcome.response()


@router.post("/holds", status_code=201, response_model=EventRead)
async def create_hold(
    data: HoldCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    principal: BookingService,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Hold a teacher's time (and a room) for a booking in progress, or book it at once for the
    given `lesson_id`; 409 slot_taken/room_taken."""
    outcome = await booking_service.create_hold(
        session,
        settings,
        data,
        principal=principal.subject,
        idempotency_key=idempotency_key,
        request_hash=fingerprint(request.method, request.url.path, data),
    )
    return outcome.response()


@router.post("/holds/{event_id}/confirm", response_model=EventRead)
async def confirm_hold(
    event_id: uuid.UUID,
    data: HoldConfirm,
    request: Request,
    session: SessionDep,
    principal: BookingService,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Confirm a live hold for a lesson; 409 hold_expired once it has expired."""
    return await _idempotent(
        request,
        session,
        principal,
        idempotency_key,
        data,
        200,
        lambda: booking_service.confirm_hold(session, event_id, data),
    )


@router.post("/events/{event_id}/cancel", response_model=EventRead)
async def cancel_event(
    event_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    principal: BookingService,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Cancel a hold or booked event (idempotent)."""
    return await _idempotent(
        request,
        session,
        principal,
        idempotency_key,
        None,
        200,
        lambda: booking_service.cancel_event(session, event_id),
    )


@router.post("/events/{event_id}/reschedule", response_model=EventRead)
async def reschedule_event(
    event_id: uuid.UUID,
    data: EventReschedule,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    principal: BookingService,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Move an event atomically; on 409 slot_taken it keeps its old time."""
    return await _idempotent(
        request,
        session,
        principal,
        idempotency_key,
        data,
        200,
        lambda: booking_service.reschedule_event(session, settings, event_id, data),
    )


@router.get("/lesson-events", response_model=list[LessonEventRead])
async def list_lesson_events(
    session: SessionDep,
    _: BookingService,
    starts_from: Annotated[AwareDatetime, Query(alias="from")],
    limit: Annotated[int, Query(ge=1, le=10000)] = 5000,
) -> list[LessonEventRead]:
    """Confirmed events booked for lessons, starting from `from`: lessons-service reconciles them
    with its lessons (an event whose lesson never committed, was cancelled or moved)."""
    return await booking_service.list_lesson_events(session, starts_from, limit)


@router.get("/events/{event_id}", response_model=EventRead)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: BookingService) -> EventRead:
    """One calendar event with its students."""
    return await booking_service.get_event(session, event_id)
