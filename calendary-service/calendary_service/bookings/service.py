"""Rules for holds, confirmations, cancellations and moves. Overlaps are refused by the database's
exclusion constraints; this module only maps their verdict to problems callers understand."""

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.idempotency import Outcome

from ..config import Settings
from ..database import idempotency
from ..rooms import repository as room_repository
from ..slots import engine as slot_engine
from ..slots import service as slot_service
from . import repository as booking_repository
from .errors import (
    AlreadyConfirmed,
    EventCancelled,
    EventNotFound,
    HoldExpired,
    HoldTooLong,
    OutsideAvailability,
    OutsideBookingWindow,
    RoomTaken,
    RoomTooSmall,
    SlotTaken,
    TeacherUnavailable,
    UnknownRoom,
)
from .models import ROOM_EXCLUSION, CalendarEvent
from .schemas import EventRead, EventReschedule, HoldConfirm, HoldCreate, LessonEventRead


def _overlap_error(exc: IntegrityError) -> Exception:
    constraint = booking_repository.violated_exclusion(exc)
    if constraint is None:
        return exc
    if constraint == ROOM_EXCLUSION:
        return RoomTaken("The room is taken at this time.")
    return SlotTaken("This time overlaps another booking.")


async def _read(session: AsyncSession, event: CalendarEvent) -> EventRead:
    students = await booking_repository.student_ids_by_event(session, [event.id])
    return to_read(event, students.get(event.id, []))


def to_read(event: CalendarEvent, student_ids: list[uuid.UUID]) -> EventRead:
    return EventRead(
        id=event.id,
        status=event.status,
        kind=event.kind,
        teacher_id=event.teacher_id,
        room_id=event.room_id,
        student_ids=student_ids,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        expires_at=event.expires_at,
        lesson_id=event.lesson_id,
        sequence=event.sequence,
    )


def _check_window(settings: Settings, starts_at: datetime, now: datetime) -> None:
    earliest, latest = slot_service.booking_window(settings, now)
    if not earliest <= starts_at <= latest:
        raise OutsideBookingWindow(
            f"A booking must start between {earliest.isoformat()} and {latest.isoformat()}.",
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )


async def _check_bookable(
    session: AsyncSession,
    settings: Settings,
    teacher_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
) -> None:
    _check_window(settings, starts_at, now)
    snapshot = await slot_service.load_snapshot(session, settings, teacher_id, starts_at, ends_at)
    if not slot_engine.covers(snapshot, starts_at, ends_at):
        raise OutsideAvailability("The teacher is not available for the whole of this time.")


async def _check_students_free(
    session: AsyncSession,
    student_ids: list[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    exclude_event_id: uuid.UUID | None = None,
) -> None:
    busy = await booking_repository.find_busy_students(session, student_ids, starts_at, ends_at, exclude_event_id)
    if busy:
        _refuse_busy(busy)


def _refuse_busy(students: Iterable[uuid.UUID]) -> NoReturn:
    raise SlotTaken(
        "A student already has a lesson at this time.", student_ids=sorted(str(student) for student in students)
    )


async def _expire_stale_holds(session: AsyncSession, teacher_id: uuid.UUID, room_id: uuid.UUID | None) -> None:
    for expired_teacher in await booking_repository.expire_stale_holds(session, teacher_id=teacher_id, room_id=room_id):
        slot_service.mark_changed(session, expired_teacher)


async def create_hold(
    session: AsyncSession,
    settings: Settings,
    data: HoldCreate,
    *,
    principal: str,
    idempotency_key: str | None,
    request_hash: str,
) -> Outcome:
    """Reserve the teacher's (and room's) time for a booking in progress, until it expires; or, with
    a lesson id, book it for that lesson at once (confirmed; no expiry). With an Idempotency-Key the
    first result is stored and replayed (studio_kit.idempotency's rules) in the booking's own two
    statements rather than the kit's three more."""
    now = datetime.now(UTC)
    claim = None if idempotency_key is None else (principal, idempotency_key, request_hash)
    hours_from = hours_to = None
    if not data.force:
        hours_from = data.starts_at.date() - timedelta(days=2)
        hours_to = data.ends_at.date() + timedelta(days=2)
    checks = await booking_repository.claim_and_check_booking(
        session,
        claim=claim,
        teacher_id=data.teacher_id,
        room_id=data.room_id,
        student_ids=data.student_ids,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        hours_from=hours_from,
        hours_to=hours_to,
    )
    if idempotency_key is not None and not checks.claimed:
        stored = await idempotency.replay(session, principal=principal, key=idempotency_key, request_hash=request_hash)
        if stored is not None:
            return stored
    hold_seconds = data.hold_seconds or settings.calendary_default_hold_seconds
    if hold_seconds > settings.calendary_max_hold_seconds:
        raise HoldTooLong(f"A hold may last at most {settings.calendary_max_hold_seconds} seconds.")
    if data.room_id is not None:
        room = await room_repository.get_room(session, data.room_id)
        if room is None:
            raise UnknownRoom()
        if room.capacity < len(data.student_ids):
            raise RoomTooSmall(f"{room.name} seats {room.capacity}.", capacity=room.capacity)
    if not data.force:
        _check_window(settings, data.starts_at, now)
        snapshot = slot_engine.snapshot_from_rows(checks.hour_rows, settings.calendary_default_timezone)
        if not slot_engine.covers(snapshot, data.starts_at, data.ends_at):
            raise OutsideAvailability("The teacher is not available for the whole of this time.")
    if checks.stale_holds:
        await _expire_stale_holds(session, data.teacher_id, data.room_id)
    if checks.busy_students:
        _refuse_busy(checks.busy_students)
    event = CalendarEvent(
        id=uuid.uuid4(),
        teacher_id=data.teacher_id,
        room_id=data.room_id,
        kind=data.kind,
        status="held" if data.lesson_id is None else "confirmed",
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        expires_at=now + timedelta(seconds=hold_seconds) if data.lesson_id is None else None,
        lesson_id=data.lesson_id,
        sequence=0,
    )
    body = to_read(event, list(data.student_ids)).model_dump(mode="json")
    try:
        await booking_repository.insert_booked_event(
            session, event, data.student_ids, record=None if claim is None else (*claim, 201, body)
        )
    except IntegrityError as exc:
        raise _overlap_error(exc) from None
    slot_service.mark_changed(session, data.teacher_id)
    return Outcome(201, body, replayed=False)


async def _locked_event(session: AsyncSession, event_id: uuid.UUID) -> CalendarEvent:
    event = await booking_repository.get_event(session, event_id, for_update=True)
    if event is None:
        raise EventNotFound()
    return event


def _check_live(event: CalendarEvent, now: datetime) -> None:
    if event.status == "cancelled":
        raise EventCancelled()
    if event.status == "expired" or (
        event.status == "held" and event.expires_at is not None and event.expires_at <= now
    ):
        raise HoldExpired("The hold expired; reserve the time again.")


async def get_event(session: AsyncSession, event_id: uuid.UUID) -> EventRead:
    """One calendar event."""
    event = await booking_repository.get_event(session, event_id)
    if event is None:
        raise EventNotFound()
    return await _read(session, event)


async def confirm_hold(session: AsyncSession, event_id: uuid.UUID, data: HoldConfirm) -> EventRead:
    """Turn a live hold into a booked event of a lesson (repeating it for the same lesson is a no-op)."""
    event = await _locked_event(session, event_id)
    if event.status == "confirmed":
        if event.lesson_id != data.lesson_id:
            raise AlreadyConfirmed()
        return await _read(session, event)
    _check_live(event, datetime.now(UTC))
    event.status = "confirmed"
    event.lesson_id = data.lesson_id
    event.expires_at = None
    try:
        await booking_repository.save_event(session, event)
    except IntegrityError as exc:
        raise _overlap_error(exc) from None
    slot_service.mark_changed(session, event.teacher_id)
    return await _read(session, event)


async def cancel_event(session: AsyncSession, event_id: uuid.UUID) -> EventRead:
    """Free the event's time; cancelling twice changes nothing."""
    event = await _locked_event(session, event_id)
    if event.status != "cancelled":
        if event.status == "confirmed":
            event.sequence += 1
        event.status = "cancelled"
        event.expires_at = None
        await booking_repository.save_event(session, event)
        slot_service.mark_changed(session, event.teacher_id)
    return await _read(session, event)


async def reschedule_event(
    session: AsyncSession, settings: Settings, event_id: uuid.UUID, data: EventReschedule
) -> EventRead:
    """Move a live event in one UPDATE: the new time is taken and the old one freed together, or
    nothing changes."""
    now = datetime.now(UTC)
    event = await _locked_event(session, event_id)
    _check_live(event, now)
    old_teacher = event.teacher_id
    teacher_id = data.teacher_id or old_teacher
    if (event.starts_at, event.ends_at, event.teacher_id) == (data.starts_at, data.ends_at, teacher_id):
        return await _read(session, event)
    if teacher_id != old_teacher:
        # A substitute must really work then: their hours cover it and they are not on time off
        # (their other lessons are the exclusion constraint's business). Forced or not.
        snapshot = await slot_service.load_snapshot(session, settings, teacher_id, data.starts_at, data.ends_at)
        if not slot_engine.covers(snapshot, data.starts_at, data.ends_at):
            raise TeacherUnavailable("The substitute teacher does not work at this time.")
    if not data.force:
        await _check_bookable(session, settings, teacher_id, data.starts_at, data.ends_at, now)
    await _expire_stale_holds(session, teacher_id, event.room_id)
    students = (await booking_repository.student_ids_by_event(session, [event.id])).get(event.id, [])
    await _check_students_free(session, students, data.starts_at, data.ends_at, exclude_event_id=event.id)
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.teacher_id = teacher_id
    if event.status == "confirmed":
        event.sequence += 1
    try:
        await booking_repository.save_event(session, event)
    except IntegrityError as exc:
        raise _overlap_error(exc) from None
    slot_service.mark_changed(session, old_teacher)
    if teacher_id != old_teacher:
        slot_service.mark_changed(session, teacher_id)
    return to_read(event, students)


async def list_lesson_events(session: AsyncSession, starts_from: datetime, limit: int) -> list[LessonEventRead]:
    """Confirmed events booked for lessons that start from `starts_from` (the lessons reconciler)."""
    events = await booking_repository.confirmed_lesson_events(session, starts_from, limit)
    return [
        LessonEventRead(
            id=event.id,
            lesson_id=event.lesson_id,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            updated_at=event.updated_at,
        )
        for event in events
        if event.lesson_id is not None
    ]


async def expire_stale_holds(session: AsyncSession) -> set[uuid.UUID]:
    """Expire every hold past its time (the background sweeper); returns the teachers affected."""
    teachers = await booking_repository.expire_stale_holds(session)
    for teacher_id in teachers:
        slot_service.mark_changed(session, teacher_id)
    return teachers
