"""Rules of attendee-list changes: only live events of the lesson change, and a student who has
another confirmed event at that time is left out rather than double-booked (logged)."""

import logging
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from ..bookings.models import LIVE_STATUSES
from . import repository as roster_repository

logger = logging.getLogger(__name__)


async def add_student(session: AsyncSession, event_ids: Sequence[uuid.UUID], student_id: uuid.UUID) -> int:
    """Seat the student in each live event; returns how many seats were added."""
    added = 0
    for event in await roster_repository.events_by_ids(session, event_ids):
        if event.status not in LIVE_STATUSES:
            continue
        if await roster_repository.add_attendee(session, event, student_id):
            added += 1
        else:
            logger.info("student %s not seated in event %s (already there or busy then)", student_id, event.id)
    return added


async def remove_student(session: AsyncSession, event_ids: Sequence[uuid.UUID], student_id: uuid.UUID) -> int:
    """Free the student's time in the events they left; returns how many seats were removed."""
    return await roster_repository.remove_attendee(session, event_ids, student_id)
