"""The lessons ↔ calendary saga: booking, cancelling and moving a lesson keep the lesson (ours) and
its calendar event (calendary's) consistent (docs/adr/0190-booking-saga-one-call-and-wake-on-commit.md).

- Booking: the lesson id is chosen up front and calendary books the time for it in one call
  (created confirmed). The lesson, its seats, `lesson.scheduled` and the idempotency record are
  then written in one short transaction; no transaction stays open across the HTTP call (a
  session-level advisory lock on the key serialises retries instead). A failed write cancels the
  event (compensation); a crash between the two leaves a confirmed event with no lesson, which the
  reconciler (`reconcile_calendar`) cancels.
- Cancelling: the lesson commits first, the calendar is freed after; if calendary cannot be
  reached then, the reconciler frees it later. A failed commit leaves both untouched.
- Moving: calendary moves the event, then the lesson commits; a failed commit moves the event
  back (compensation), and the reconciler repairs what a crash in between leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import redis.asyncio as aioredis
from fastapi import FastAPI
from redis.exceptions import RedisError
from sqlalchemy import TextClause, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from studio_kit import ratelimit
from studio_kit.auth import Principal
from studio_kit.db import Database, utcnow
from studio_kit.errors import AppError, Forbidden
from studio_kit.idempotency import IdempotencyKeyReused, fingerprint
from studio_kit.loops import run_until_stopped

from ..clients import Calendary
from ..config import Settings
from ..database import audit, outbox
from ..events.published import Charge, LessonCancelled, LessonRescheduled, publish
from ..prices import service as price_service
from . import repository as lesson_repository
from .access import get_accessible_lesson
from .errors import (
    BookingFailed,
    BookingLimitReached,
    BookingNoticeTooShort,
    BookingRateLimited,
    LessonAlreadyStarted,
    LessonNotScheduled,
    StartsInPast,
    StudentRequired,
    TooLateToReschedule,
    TrialAlreadyUsed,
)
from .mappers import cancel_outcome, to_read
from .models import Lesson, LessonStudent
from .schemas import CancelResult, LessonCreate, LessonRead
from .service import scheduled_event

logger = logging.getLogger("lessons_service.saga")

# Session-level locks, taken in the order listed within one statement; released all at once.
_UNLOCK_ALL = text("SELECT pg_advisory_unlock_all()")


def _lock_statement(count: int) -> TextClause:
    return text("SELECT " + ", ".join(f"pg_advisory_lock(hashtextextended(:key{i}, 0))" for i in range(count)))


class SagaInterrupted(BaseException):
    """Test-only (LESSONS_TEST_CRASH_AFTER_CALENDAR): the process "dies" right after calendary
    answered, so nothing of ours is written and no compensation runs."""


@contextlib.asynccontextmanager
async def _key_lock(database: Database, *keys: str) -> AsyncIterator[AsyncConnection]:
    """Session-level advisory locks, taken in the order given: the second of two requests with one
    key waits for the first. The booking then runs on this one connection (one per booking, so a
    busy pool cannot starve itself) in AUTOCOMMIT: every statement is its own transaction, so none
    stays open across the HTTP call and no BEGIN/COMMIT round trips are spent (ADR 0230)."""
    async with database.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        try:
            await connection.execute(_lock_statement(len(keys)), {f"key{i}": key for i, key in enumerate(keys)})
        except BaseException:
            # Some of the locks may be held (cancelled while waiting for the next): closing the
            # session is the one sure way to release them.
            await connection.invalidate()
            raise
        try:
            yield connection
        finally:
            try:
                await connection.rollback()  # no round trip in AUTOCOMMIT; clears a failed statement's state
                await connection.execute(_UNLOCK_ALL)
            except BaseException:
                # never hand a connection that may still hold the lock back to the pool
                await connection.invalidate()
                raise


def booking_hash(data: LessonCreate, student_id: uuid.UUID) -> str:
    """What a booking asks for, with the student resolved (a student's own booking names nobody)."""
    canonical = {
        "teacher_id": str(data.teacher_id),
        "starts_at": data.starts_at.astimezone(UTC).isoformat(),
        "duration_minutes": data.duration_minutes,
        "kind": data.kind,
        "student_id": str(student_id),
    }
    return fingerprint("POST", "/lessons", canonical)


def booked_student(data: LessonCreate, user: Principal) -> uuid.UUID:
    if user.role == "student":
        if data.student_id is not None and str(data.student_id) != user.subject:
            raise Forbidden("Students book lessons only for themselves.")
        return uuid.UUID(user.subject)
    if user.role == "admin":
        if data.student_id is None:
            raise StudentRequired()
        return data.student_id
    raise Forbidden("Only students and admins book lessons.")


def _iso_utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


async def count_booking_attempt(redis: aioredis.Redis, settings: Settings, user: Principal) -> None:
    """A student's booking attempts per window are limited (429 `booking_rate_limited` with
    Retry-After): holding and releasing slots in a loop is abuse, not booking. The front desk and
    services book on the studio's behalf and are not counted."""
    if user.role != "student":
        return
    try:
        window = await ratelimit.hit(
            redis, f"lessons:booking-attempts:{user.subject}", window_seconds=settings.lessons_booking_window_seconds
        )
    except RedisError as exc:
        # Redis down: the attempt goes uncounted rather than the booking failing; the cap on active
        # bookings (kept in PostgreSQL) still holds (chaos: test_redis_down_gives_clear_errors...).
        logger.warning("booking attempt not counted, Redis unavailable: %s", exc)
        return
    if window.over(settings.lessons_booking_attempts):
        raise BookingRateLimited(retry_after=window.retry_after)


async def book_lesson(
    database: Database,
    calendary: Calendary,
    settings: Settings,
    data: LessonCreate,
    user: Principal,
    idempotency_key: str,
) -> tuple[LessonRead, bool]:
    """Book an individual or trial lesson. Returns the lesson and whether it replays an earlier
    answer to the same Idempotency-Key."""
    student_id = booked_student(data, user)
    request_hash = booking_hash(data, student_id)
    starts_at = data.starts_at.astimezone(UTC)
    ends_at = starts_at + timedelta(minutes=data.duration_minutes)
    # The key first, then the student: one booking of a student at a time, so the cap on future
    # bookings below holds under concurrent requests with different keys.
    locks = (f"booking:{user.subject}:{idempotency_key}", f"booking-student:{student_id}")
    async with _key_lock(database, *locks) as connection:
        facts = await lesson_repository.booking_facts(
            connection,
            principal=user.subject,
            key=idempotency_key,
            student_id=student_id,
            now=utcnow(),
            kind=data.kind,
            duration_minutes=data.duration_minutes,
            price_date=price_service.studio_date(settings, starts_at),
        )
        if facts.replay_hash is not None:
            if facts.replay_hash != request_hash:
                raise IdempotencyKeyReused("This Idempotency-Key was used for a different request.")
            return LessonRead.model_validate(facts.replay_body), True
        if starts_at <= utcnow():
            raise StartsInPast()
        notice = timedelta(hours=settings.lessons_min_booking_notice_hours)
        if user.role == "student" and starts_at - utcnow() < notice:
            # The front desk may still book a walk-in at short notice; a student's own booking may not.
            raise BookingNoticeTooShort(
                f"Lessons are booked at least {settings.lessons_min_booking_notice_hours} hours ahead."
            )
        if data.kind == "trial" and facts.trial_used:
            raise TrialAlreadyUsed()
        if user.role == "student" and facts.active_bookings >= settings.lessons_max_active_bookings:
            raise BookingLimitReached(limit=settings.lessons_max_active_bookings)
        # The price in force on the lesson's date is stored on it: a later change never rewrites it.
        price = price_service.price_of(
            settings,
            data.kind,
            data.duration_minutes,
            price_service.studio_date(settings, starts_at),
            kind_listed=facts.kind_listed,
            listed_amount=facts.listed_amount,
        )

        lesson_id = uuid.uuid4()
        event_id = await calendary.book(
            lesson_id=lesson_id,
            teacher_id=data.teacher_id,
            starts_at=starts_at,
            ends_at=ends_at,
            student_ids=[student_id],
            kind=data.kind,
        )
        if settings.lessons_test_crash_after_calendar:
            raise SagaInterrupted()
        try:
            read = await _write_booking(
                connection,
                settings,
                data,
                user,
                lesson_id=lesson_id,
                student_id=student_id,
                starts_at=starts_at,
                ends_at=ends_at,
                price=price,
                event_id=event_id,
                idempotency_key=idempotency_key,
                request_hash=request_hash,
            )
        except BaseException as exc:
            # Compensation: the time goes back to the calendar (a retry books it afresh).
            await calendary.release(event_id)
            if isinstance(exc, SQLAlchemyError):
                logger.exception("lesson write failed after calendary booked the time; released it")
                raise BookingFailed() from exc
            raise
        return read, False


async def _write_booking(
    connection: AsyncConnection,
    settings: Settings,
    data: LessonCreate,
    user: Principal,
    *,
    lesson_id: uuid.UUID,
    student_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
    price: int,
    event_id: uuid.UUID,
    idempotency_key: str,
    request_hash: str,
) -> LessonRead:
    """The lesson, its seat, `lesson.scheduled`, the idempotency record and (for staff) the audit
    entry with its event, written in one statement (its own transaction on the AUTOCOMMIT
    connection). Returns the answer, which is also the one replayed for the key."""
    now = utcnow()
    values = {
        "id": lesson_id,
        "kind": data.kind,
        "status": "scheduled",
        "teacher_id": data.teacher_id,
        "group_id": None,
        "room_id": None,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "price_minor": price,
        "currency": settings.lessons_currency,
        "calendar_event_id": event_id,
        "booked_by": user.subject,
        "late_cancel": False,
        # Spelled out: a column's Python-side default is not applied inside a CTE.
        "created_at": now,
        "updated_at": now,
    }
    seat = {"lesson_id": lesson_id, "student_id": student_id, "price_minor": price}
    lesson, seats = Lesson(**values), [LessonStudent(**seat)]
    read = to_read(lesson, seats)
    _, scheduled = outbox.row(scheduled_event(lesson, seats))
    events = [scheduled]
    summary = {
        "kind": data.kind,
        "teacher_id": str(data.teacher_id),
        "student_id": str(student_id),
        "starts_at": _iso_utc(starts_at),
        "duration_minutes": data.duration_minutes,
        "price_minor": price,
    }
    entry = audit.entry(user, "lesson.booked", ("lesson", lesson_id), summary)
    if entry is not None:
        events.append(outbox.row(entry.event, subject=entry.subject)[1])
    await lesson_repository.insert_booking(
        connection,
        lesson=values,
        student_id=student_id,
        events=events,
        idempotency={
            "principal": user.subject,
            "idempotency_key": idempotency_key,
            "request_hash": request_hash,
            "status_code": 201,
            "response": read.model_dump(mode="json"),
        },
        audit=entry.row if entry is not None else None,
        channel=outbox.channel,
    )
    return read


async def cancel_lesson(
    session: AsyncSession,
    calendary: Calendary,
    settings: Settings,
    lesson_id: uuid.UUID,
    user: Principal,
    reason: str | None,
    *,
    charge: bool | None = None,
) -> CancelResult:
    """Cancel a lesson under the studio policy: a student's cancel inside the notice is late and
    charged; a teacher's never is; an admin's is charged only when the admin says so. Cancelling
    again returns the first outcome. The calendar is freed only after the cancellation committed."""
    if charge is not None and user.role != "admin":
        raise Forbidden("Only an admin decides whether a cancellation is charged.")
    lesson, seats = await get_accessible_lesson(session, lesson_id, user, for_update=True)
    if lesson.status == "cancelled":
        return cancel_outcome(lesson, seats, user)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    now = utcnow()
    late = False
    if user.role == "student":
        if lesson.kind == "group":
            raise Forbidden("A group lesson is cancelled by the studio; tell your teacher you will miss it.")
        if lesson.starts_at <= now:
            raise LessonAlreadyStarted()
        late = lesson.starts_at - now < timedelta(hours=settings.lessons_cancel_notice_hours)
    elif user.role == "admin" and charge:
        # The front desk waives or keeps the late-cancel fee; outside the notice there is none to keep.
        late = lesson.starts_at - now < timedelta(hours=settings.lessons_cancel_notice_hours)
    lesson.status = "cancelled"
    lesson.cancelled_at = now
    lesson.cancelled_by = user.role
    lesson.cancel_reason = reason
    lesson.late_cancel = late
    charges = [
        Charge(student_id=seat.student_id, amount_minor=seat.price_minor)
        for seat in seats
        if late and seat.price_minor > 0
    ]
    await publish(
        session,
        LessonCancelled(
            lesson_id=lesson.id,
            kind=lesson.kind,
            teacher_id=lesson.teacher_id,
            student_ids=[seat.student_id for seat in seats],
            starts_at=lesson.starts_at,
            late_cancel=late,
            cancelled_by=user.role,
            reason=reason,
            charges=charges,
        ),
    )
    outcome = cancel_outcome(lesson, seats, user)
    summary = {"starts_at": _iso_utc(lesson.starts_at), "reason": reason, "late_cancel": late, "charged": len(charges)}
    await audit.record(session, user, "lesson.cancelled", ("lesson", lesson.id), summary)
    await session.commit()
    if lesson.calendar_event_id is not None:
        try:
            await calendary.cancel(lesson.calendar_event_id)
        except AppError as exc:
            # The lesson is cancelled either way; the reconciler frees the time once calendary answers.
            logger.warning("lesson %s cancelled; calendar event not freed yet: %s", lesson.id, exc.detail)
    return outcome


async def reschedule_lesson(
    session: AsyncSession,
    calendary: Calendary,
    settings: Settings,
    lesson_id: uuid.UUID,
    user: Principal,
    starts_at: datetime,
) -> LessonRead:
    """Move a lesson: calendary moves the event atomically (409 when the new slot is taken), then
    the lesson commits; if that commit fails the event is moved back."""
    lesson, seats = await get_accessible_lesson(session, lesson_id, user, for_update=True)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    now = utcnow()
    new_start = starts_at.astimezone(UTC)
    if new_start <= now:
        raise StartsInPast()
    if user.role == "student":
        if lesson.kind == "group":
            raise Forbidden("Group lessons are moved by the studio.")
        if lesson.starts_at - now < timedelta(hours=settings.lessons_cancel_notice_hours):
            raise TooLateToReschedule()
    new_end = new_start + (lesson.ends_at - lesson.starts_at)
    old_start, old_end = lesson.starts_at, lesson.ends_at
    event_id = lesson.calendar_event_id
    if event_id is not None:
        await calendary.reschedule(event_id, new_start, new_end)
    lesson.starts_at, lesson.ends_at = new_start, new_end
    await publish(
        session,
        LessonRescheduled(
            lesson_id=lesson.id,
            kind=lesson.kind,
            teacher_id=lesson.teacher_id,
            student_ids=[seat.student_id for seat in seats],
            old_starts_at=old_start,
            starts_at=new_start,
            ends_at=new_end,
        ),
    )
    read = to_read(lesson, seats, user)
    summary = {"from_starts_at": _iso_utc(old_start), "to_starts_at": _iso_utc(new_start)}
    await audit.record(session, user, "lesson.moved", ("lesson", lesson.id), summary)
    try:
        await session.commit()
    except BaseException:
        await session.rollback()
        if event_id is not None:
            # Compensation: back to the old time, forced past the booking rules (notice, horizon) that
            # the lesson already satisfied. Should someone have taken that time in the meantime the
            # exclusion constraint refuses, and the reconciler keeps reporting the difference.
            with contextlib.suppress(AppError):
                await calendary.reschedule(event_id, old_start, old_end, force=True)
        raise
    return read


async def substitute_teacher(
    session: AsyncSession,
    calendary: Calendary,
    settings: Settings,
    lesson_id: uuid.UUID,
    user: Principal,
    teacher_id: uuid.UUID,
) -> LessonRead:
    """Give a scheduled lesson to another teacher at the same time (an admin's substitution):
    calendary hands the event over (409 when the substitute is busy or not working), then the
    lesson commits; a failed commit hands the event back. Published as `lesson.rescheduled` with
    the new teacher, so calendars, feeds and notices follow."""
    lesson, seats = await get_accessible_lesson(session, lesson_id, user, for_update=True)
    if lesson.status != "scheduled":
        raise LessonNotScheduled(f"The lesson is {lesson.status}.")
    if lesson.starts_at <= utcnow():
        raise LessonAlreadyStarted()
    if lesson.teacher_id == teacher_id:
        return to_read(lesson, seats, user)
    old_teacher = lesson.teacher_id
    event_id = lesson.calendar_event_id
    if event_id is not None:
        await calendary.reschedule(event_id, lesson.starts_at, lesson.ends_at, force=True, teacher_id=teacher_id)
    lesson.teacher_id = teacher_id
    await publish(
        session,
        LessonRescheduled(
            lesson_id=lesson.id,
            kind=lesson.kind,
            teacher_id=teacher_id,
            student_ids=[seat.student_id for seat in seats],
            old_starts_at=lesson.starts_at,
            starts_at=lesson.starts_at,
            ends_at=lesson.ends_at,
        ),
    )
    read = to_read(lesson, seats, user)
    try:
        await session.commit()
    except BaseException:
        await session.rollback()
        if event_id is not None:
            with contextlib.suppress(AppError):
                await calendary.reschedule(
                    event_id, lesson.starts_at, lesson.ends_at, force=True, teacher_id=old_teacher
                )
        raise
    return read


# --- reconciliation -----------------------------------------------------------------------------


async def reconcile_calendar(database: Database, calendary: Calendary, grace: timedelta) -> int:
    """Compare calendary's confirmed lesson events (from now on) with our lessons and repair what a
    crash or an outage left half-done: an event whose lesson never committed or was cancelled is
    cancelled; an event at another time than its lesson goes back to the lesson's time. Events
    changed less than `grace` ago are left alone (their saga may still be running). Returns how
    many events it repaired."""
    now = utcnow()
    events = await calendary.lesson_events(now)
    settled = [event for event in events if event.updated_at <= now - grace]
    if not settled:
        return 0
    async with database.sessionmaker() as session:
        lessons = {
            lesson.id: lesson
            for lesson in await session.scalars(
                select(Lesson).where(Lesson.id.in_([event.lesson_id for event in settled]))
            )
        }
    repaired = 0
    for event in settled:
        lesson = lessons.get(event.lesson_id)
        try:
            if lesson is None or lesson.status == "cancelled" or lesson.calendar_event_id != event.id:
                logger.warning("calendar event %s has no live lesson %s: cancelling it", event.id, event.lesson_id)
                await calendary.cancel(event.id)
                repaired += 1
            elif (lesson.starts_at, lesson.ends_at) != (event.starts_at, event.ends_at):
                logger.warning("calendar event %s is not at its lesson's time: moving it back", event.id)
                await calendary.reschedule(event.id, lesson.starts_at, lesson.ends_at, force=True)
                repaired += 1
        except AppError as exc:
            logger.warning("could not repair calendar event %s: %s", event.id, exc.detail)
    return repaired


async def run_reconciler(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: reconcile every LESSONS_RECONCILE_INTERVAL_SECONDS."""
    settings: Settings = app.state.settings
    calendary = Calendary(app.state.clients.get("calendary"))
    if calendary.client is None:
        return
    grace = timedelta(seconds=settings.lessons_reconcile_grace_seconds)

    async def reconcile() -> None:
        await reconcile_calendar(app.state.database, calendary, grace)

    await run_until_stopped(
        reconcile,
        stop,
        interval=settings.lessons_reconcile_interval_seconds,
        name="calendar reconciliation",
        retry_on=(AppError, SQLAlchemyError, OSError),
    )
