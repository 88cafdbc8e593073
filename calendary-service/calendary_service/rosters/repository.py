"""All SQL of attendee-list changes."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..bookings.models import CalendarEvent, CalendarEventAttendee
from ..bookings.repository import violated_exclusion


async def events_by_ids(session: AsyncSession, event_ids: Sequence[uuid.UUID]) -> list[CalendarEvent]:
    if not event_ids:
        return []
    return list(await session.scalars(select(CalendarEvent).where(CalendarEvent.id.in_(event_ids))))


async def add_attendee(session: AsyncSession, event: CalendarEvent, student_id: uuid.UUID) -> bool:
    """Seat a student in an event (its time and status copied). False when they already sit there
    or the student exclusion refuses it (another confirmed event of theirs overlaps)."""
    if await session.get(CalendarEventAttendee, (event.id, student_id)) is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(
                CalendarEventAttendee(
                    event_id=event.id,
                    student_id=student_id,
                    status=event.status,
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                )
            )
            await session.flush()
    except IntegrityError as exc:
        if violated_exclusion(exc) is None:
            raise
        return False
    return True


async def remove_attendee(session: AsyncSession, event_ids: Sequence[uuid.UUID], student_id: uuid.UUID) -> int:
    if not event_ids:
        return 0
    result = await session.execute(
        delete(CalendarEventAttendee)
        .where(CalendarEventAttendee.event_id.in_(event_ids), CalendarEventAttendee.student_id == student_id)
        .returning(CalendarEventAttendee.event_id)
    )
    return len(result.all())
