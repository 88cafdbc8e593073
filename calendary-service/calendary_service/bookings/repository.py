"""All SQL of calendar events and their attendees."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, bindparam, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Uuid

from .models import CalendarEvent, CalendarEventAttendee

EXCLUSION_VIOLATION = "23P01"


def violated_exclusion(exc: IntegrityError) -> str | None:
    """The name of the exclusion constraint an INSERT/UPDATE broke, if that is what happened."""
    cause = getattr(exc.orig, "__cause__", None)
    if getattr(cause, "sqlstate", None) == EXCLUSION_VIOLATION:
        return str(getattr(cause, "constraint_name", "") or "")
    return None


async def expire_stale_holds(
    session: AsyncSession, *, teacher_id: uuid.UUID | None = None, room_id: uuid.UUID | None = None
) -> set[uuid.UUID]:
    """Mark holds past their expiry as expired (all, or those of a teacher or room) so they stop
    counting for the exclusion constraints; returns the teachers whose holds expired."""
    event = CalendarEvent
    statement = update(event).where(event.status == "held", event.expires_at <= func.now())
    scope = []
    if teacher_id is not None:
        scope.append(event.teacher_id == teacher_id)
    if room_id is not None:
        scope.append(event.room_id == room_id)
    if scope:
        statement = statement.where(or_(*scope))
    rows = (
        await session.execute(
            statement.values(status="expired", updated_at=func.now())
            .returning(event.id, event.teacher_id)
            .execution_options(synchronize_session=False)
        )
    ).all()
    if rows:
        await session.execute(
            update(CalendarEventAttendee)
            .where(CalendarEventAttendee.event_id.in_([row.id for row in rows]))
            .values(status="expired")
        )
    return {row.teacher_id for row in rows}


async def find_busy_students(
    session: AsyncSession,
    student_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    exclude_event_id: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Students who already have a confirmed event overlapping the range."""
    if not student_ids:
        return []
    attendee = CalendarEventAttendee
    statement = select(attendee.student_id).where(
        attendee.student_id.in_(student_ids),
        attendee.status == "confirmed",
        attendee.during.op("&&")(func.tstzrange(starts_at, ends_at, text("'[)'"))),
    )
    if exclude_event_id is not None:
        statement = statement.where(attendee.event_id != exclude_event_id)
    return list((await session.scalars(statement.distinct())).all())


async def confirmed_lesson_events(session: AsyncSession, starts_from: datetime, limit: int) -> list[CalendarEvent]:
    rows = await session.scalars(
        select(CalendarEvent)
        .where(
            CalendarEvent.status == "confirmed",
            CalendarEvent.lesson_id.is_not(None),
            CalendarEvent.starts_at >= starts_from,
        )
        .order_by(CalendarEvent.starts_at)
        .limit(limit)
    )
    return list(rows)


async def get_event(session: AsyncSession, event_id: uuid.UUID, *, for_update: bool = False) -> CalendarEvent | None:
    statement = select(CalendarEvent).where(CalendarEvent.id == event_id)
    if for_update:
        statement = statement.with_for_update()
    return await session.scalar(statement)


async def save_event(session: AsyncSession, event: CalendarEvent) -> None:
    """Write the event's changes and mirror its status and time into its attendee rows."""
    await session.flush()
    await session.execute(
        update(CalendarEventAttendee)
        .where(CalendarEventAttendee.event_id == event.id)
        .values(status=event.status, starts_at=event.starts_at, ends_at=event.ends_at)
    )


async def student_ids_by_event(
    session: AsyncSession, event_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    if not event_ids:
        return {}
    rows = await session.execute(
        select(CalendarEventAttendee.event_id, CalendarEventAttendee.student_id)
        .where(CalendarEventAttendee.event_id.in_(event_ids))
        .order_by(CalendarEventAttendee.student_id)
    )
    students: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for event_id, student_id in rows:
        students[event_id].append(student_id)
    return students


def _visible(starts_at: datetime, ends_at: datetime) -> ColumnElement[bool]:
    event = CalendarEvent
    return and_(
        event.starts_at < ends_at,
        event.ends_at > starts_at,
        or_(
            event.status.in_(("confirmed", "cancelled")),
            and_(event.status == "held", event.expires_at > func.now()),
        ),
    )


async def list_teacher_events(
    session: AsyncSession, teacher_id: uuid.UUID, starts_at: datetime, ends_at: datetime
) -> Sequence[CalendarEvent]:
    """Live holds, booked and cancelled events of a teacher overlapping the range."""
    statement = (
        select(CalendarEvent)
        .where(CalendarEvent.teacher_id == teacher_id, _visible(starts_at, ends_at))
        .order_by(CalendarEvent.starts_at)
    )
    return (await session.scalars(statement)).all()


async def list_booked_events(
    session: AsyncSession,
    *,
    teacher_id: uuid.UUID | None = None,
    student_id: uuid.UUID | None = None,
    starts_at: datetime,
    ends_at: datetime,
) -> Sequence[CalendarEvent]:
    """Events that were booked (confirmed, or cancelled after booking) for a teacher or a student."""
    event = CalendarEvent
    statement = select(event).where(
        event.lesson_id.is_not(None),
        event.status.in_(("confirmed", "cancelled")),
        event.starts_at < ends_at,
        event.ends_at > starts_at,
    )
    if teacher_id is not None:
        statement = statement.where(event.teacher_id == teacher_id)
    if student_id is not None:
        statement = statement.where(
            event.id.in_(select(CalendarEventAttendee.event_id).where(CalendarEventAttendee.student_id == student_id))
        )
    return (await session.scalars(statement.order_by(event.starts_at))).all()


# A booking reads everything it decides on in one statement and writes in one more: each statement
# costs a round trip and, in this process, more CPU than the work PostgreSQL does for it.
_CLAIM = """
WITH claimed AS (
    INSERT INTO idempotency_record (principal, idempotency_key, request_hash, status_code, response)
    VALUES (:principal, :idempotency_key, :request_hash, 0, 'null')
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT 'claimed' AS kind, NULL::smallint AS weekday, NULL::time AS start_time, NULL::time AS end_time,
       NULL::date AS day, NULL::date AS effective_to, NULL::timestamptz AS starts_at,
       NULL::timestamptz AS ends_at, NULL::text AS zone, NULL::uuid AS student_id
  FROM claimed
UNION ALL
"""
_HOURS = """
SELECT 'timezone' AS kind, NULL::smallint AS weekday, NULL::time AS start_time, NULL::time AS end_time,
       NULL::date AS day, NULL::date AS effective_to, NULL::timestamptz AS starts_at,
       NULL::timestamptz AS ends_at, timezone AS zone, NULL::uuid AS student_id
  FROM teacher_calendar WHERE teacher_id = :teacher_id
UNION ALL
SELECT 'rule', weekday, start_time, end_time, effective_from, effective_to, NULL, NULL, NULL, NULL
  FROM availability_rule
 WHERE teacher_id = :teacher_id
   AND (effective_from IS NULL OR effective_from <= :last_day)
   AND (effective_to IS NULL OR effective_to > :first_day)
UNION ALL
SELECT kind, NULL, start_time, end_time, exception_date, NULL, NULL, NULL, NULL, NULL
  FROM availability_exception
 WHERE teacher_id = :teacher_id AND exception_date BETWEEN :first_day AND :last_day
UNION ALL
SELECT 'time_off', NULL, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL, NULL
  FROM time_off
 WHERE teacher_id = :teacher_id AND during && tstzrange(:starts_at, :ends_at, '[)')
UNION ALL
"""
# A hold past its expiry may still say 'held' (see models.LIVE_STATUSES); the writer expires them
# only when there is one, which is seldom (the sweeper and other writers get there first).
_STALE_AND_BUSY = """
SELECT 'stale' AS kind, NULL::smallint AS weekday, NULL::time AS start_time, NULL::time AS end_time,
       NULL::date AS day, NULL::date AS effective_to, NULL::timestamptz AS starts_at,
       NULL::timestamptz AS ends_at, NULL::text AS zone, NULL::uuid AS student_id
 WHERE EXISTS (
       SELECT 1 FROM calendar_event
        WHERE status = 'held' AND expires_at <= now() AND (teacher_id = :teacher_id OR room_id = :room_id))
UNION ALL
SELECT 'busy_student', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, student_id
  FROM calendar_event_attendee
 WHERE student_id = ANY(:student_ids) AND status = 'confirmed'
   AND during && tstzrange(:starts_at, :ends_at, '[)')
"""
_UUIDS = ARRAY(Uuid())


def _booking_checks(*, claim: bool, hours: bool) -> Any:
    statement = text((_CLAIM if claim else "") + (_HOURS if hours else "") + _STALE_AND_BUSY)
    return statement.bindparams(bindparam("student_ids", type_=_UUIDS))


_BOOKING_CHECKS = {
    (claim, hours): _booking_checks(claim=claim, hours=hours) for claim in (False, True) for hours in (False, True)
}


@dataclass
class BookingChecks:
    """What one statement found before a booking: whether this transaction now owns the
    Idempotency-Key, the teacher's hours (snapshot rows), stale holds, students already busy."""

    claimed: bool = False
    hour_rows: list[Row[Any]] = field(default_factory=list)
    stale_holds: bool = False
    busy_students: set[uuid.UUID] = field(default_factory=set)


async def claim_and_check_booking(
    session: AsyncSession,
    *,
    claim: tuple[str, str, str] | None,
    teacher_id: uuid.UUID,
    room_id: uuid.UUID | None,
    student_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    hours_from: date | None,
    hours_to: date | None,
) -> BookingChecks:
    """In one statement: claim the Idempotency-Key (principal, key, request hash) with a
    placeholder record that `insert_booked_event` fills (a retry racing this transaction waits on
    the key's primary key, as it would on a lock), and read the teacher's hours between the dates
    when given, whether a stale hold of the teacher or room is in the way, and which students
    already have a confirmed event overlapping the time."""
    params: dict[str, Any] = {
        "teacher_id": teacher_id,
        "room_id": room_id,
        "student_ids": list(student_ids),
        "starts_at": starts_at,
        "ends_at": ends_at,
    }
    if claim is not None:
        params["principal"], params["idempotency_key"], params["request_hash"] = claim
    if hours_from is not None:
        params["first_day"], params["last_day"] = hours_from, hours_to
    result = await session.execute(_BOOKING_CHECKS[(claim is not None, hours_from is not None)], params)
    checks = BookingChecks()
    for row in result:
        kind = row.kind
        if kind == "claimed":
            checks.claimed = True
        elif kind == "stale":
            checks.stale_holds = True
        elif kind == "busy_student":
            checks.busy_students.add(row.student_id)
        else:
            checks.hour_rows.append(row)
    return checks


_INSERT_EVENT = """
WITH event AS (
    INSERT INTO calendar_event
           (id, teacher_id, room_id, kind, status, starts_at, ends_at, expires_at, lesson_id, sequence)
    VALUES (:id, :teacher_id, :room_id, :kind, :status, :starts_at, :ends_at, :expires_at, :lesson_id, 0)
    RETURNING id
), seats AS (
    INSERT INTO calendar_event_attendee (event_id, student_id, status, starts_at, ends_at)
    SELECT event.id, student_id, :status, :starts_at, :ends_at FROM event, unnest(:student_ids) AS student_id
)
"""
_RECORD = """
, recorded AS (
    INSERT INTO idempotency_record (principal, idempotency_key, request_hash, status_code, response)
    VALUES (:principal, :idempotency_key, :request_hash, :status_code, :response)
    ON CONFLICT (principal, idempotency_key)
    DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
                  response = EXCLUDED.response
)
"""
_EVENT_ID = """
SELECT id FROM event
"""
_INSERT_BOOKED_EVENT = {
    record: text(_INSERT_EVENT + (_RECORD if record else "") + _EVENT_ID).bindparams(
        bindparam("student_ids", type_=_UUIDS), *([bindparam("response", type_=JSONB)] if record else [])
    )
    for record in (False, True)
}


async def insert_booked_event(
    session: AsyncSession,
    event: CalendarEvent,
    student_ids: Sequence[uuid.UUID],
    *,
    record: tuple[str, str, str, int, Any] | None = None,
) -> None:
    """Insert the event and its attendees and, given (principal, key, request hash, status, body),
    store the Idempotency-Key's result, in one statement (no ORM flush, nothing read back);
    IntegrityError when an exclusion constraint refuses the time."""
    params: dict[str, Any] = {
        "id": event.id,
        "teacher_id": event.teacher_id,
        "room_id": event.room_id,
        "kind": event.kind,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "expires_at": event.expires_at,
        "lesson_id": event.lesson_id,
        "student_ids": list(student_ids),
    }
    if record is not None:
        (
            params["principal"],
            params["idempotency_key"],
            params["request_hash"],
            params["status_code"],
            params["response"],
        ) = record
    await session.execute(_INSERT_BOOKED_EVENT[record is not None], params)
