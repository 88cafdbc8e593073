"""All SQL of calendar events and their attendees."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

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


async def add_event(session: AsyncSession, event: CalendarEvent, student_ids: Iterable[uuid.UUID]) -> None:
    # One flush: the unit of work inserts the event before its attendees (foreign key order).
    session.add(event)
    session.add_all(
        CalendarEventAttendee(
            event_id=event.id,
            student_id=student_id,
            status=event.status,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
        for student_id in student_ids
    )
    await session.flush()


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
