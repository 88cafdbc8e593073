"""Rules of group series: one lesson per pattern occurrence, booked through calendary, never twice;
and the rosters of a group's future lessons following its membership."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import Database, utcnow

from ..clients import Calendary, Groups, Hold
from ..config import Settings
from ..database import audit
from ..lessons import repository as lesson_repository
from ..lessons import service as lesson_service
from ..lessons.errors import (
    HoldExpired,
    OutsideAvailability,
    OutsideBookingWindow,
    RangeTooLong,
    RoomTaken,
    SlotTaken,
)
from .schemas import SeriesRequest, SeriesResult, SkippedOccurrence

logger = logging.getLogger("lessons_service.series")
SKIPPABLE = (SlotTaken, RoomTaken, OutsideAvailability, OutsideBookingWindow, HoldExpired)


def occurrences(roster: dict[str, Any], first: date, last: date) -> list[tuple[datetime, datetime]]:
    """Start and end (UTC) of every pattern slot between two dates, in the group's timezone."""
    schedule = roster["schedule"]
    zone = ZoneInfo(schedule["timezone"])
    starts_on = date.fromisoformat(roster["starts_on"])
    ends_on = date.fromisoformat(roster["ends_on"]) if roster.get("ends_on") else None
    first = max(first, starts_on)
    if ends_on is not None:
        last = min(last, ends_on)
    found: list[tuple[datetime, datetime]] = []
    day = first
    while day <= last:
        for slot in schedule["slots"]:
            if slot["weekday"] == day.weekday():
                local = datetime.combine(day, time.fromisoformat(slot["start_time"]), tzinfo=zone)
                starts_at = local.astimezone(UTC)
                found.append((starts_at, starts_at + timedelta(minutes=int(slot["duration_minutes"]))))
        day += timedelta(days=1)
    return sorted(found)


async def generate_series(
    database: Database,
    calendary: Calendary,
    groups: Groups,
    settings: Settings,
    group_id: uuid.UUID,
    data: SeriesRequest,
    user: Principal,
) -> SeriesResult:
    """Create the group's lessons for every pattern occurrence in the range; existing ones are kept."""
    if (data.to - data.from_).days + 1 > settings.lessons_max_series_days:
        raise RangeTooLong(f"Generate at most {settings.lessons_max_series_days} days at a time.")
    roster = await groups.roster(group_id)
    now = utcnow()
    result = SeriesResult(group_id=group_id, created=[], existing=[], skipped=[])
    for starts_at, ends_at in occurrences(roster, data.from_, data.to):
        if starts_at <= now:
            continue
        # One transaction per occurrence: a later failure keeps the lessons already booked, and a
        # rerun picks up where this one stopped.
        async with database.sessionmaker() as session:
            hold: Hold | None = None
            try:
                await lesson_repository.lock_key(session, f"group-lesson:{group_id}:{starts_at.isoformat()}")
                if await lesson_repository.group_lesson_starts(session, group_id, [starts_at]):
                    result.existing.append(starts_at)
                    await session.rollback()
                    continue
                lesson_id = uuid.uuid4()
                student_ids = [uuid.UUID(student) for student in roster["student_ids"]]
                room_id = uuid.UUID(roster["room_id"]) if roster.get("room_id") else None
                teacher_id = uuid.UUID(roster["teacher_id"])
                hold = await calendary.hold(
                    teacher_id=teacher_id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    student_ids=student_ids,
                    kind="group",
                    room_id=room_id,
                    hold_seconds=settings.lessons_hold_seconds,
                    idempotency_key=f"lesson:{lesson_id}",
                    # The studio sets group times itself; they need not be bookable slots.
                    force=True,
                )
                read = await lesson_service.write_group_lesson(
                    session,
                    lesson_id=lesson_id,
                    teacher_id=teacher_id,
                    group_id=group_id,
                    room_id=room_id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    price_minor=int(roster["price_per_lesson_minor"]),
                    currency=str(roster.get("currency") or settings.lessons_currency),
                    student_ids=student_ids,
                    calendar_event_id=hold.id,
                    booked_by=user.subject,
                )
                await calendary.confirm(hold.id, lesson_id)
                summary = {
                    "kind": "group",
                    "group_id": str(group_id),
                    "teacher_id": str(teacher_id),
                    "starts_at": starts_at.isoformat(),
                    "students": len(student_ids),
                    "series": True,
                }
                await audit.record(session, user, "lesson.booked", ("lesson", lesson_id), summary)
                await session.commit()
                hold = None
                result.created.append(read)
            except SKIPPABLE as exc:
                await session.rollback()
                if hold is not None:
                    await calendary.release(hold.id)
                result.skipped.append(SkippedOccurrence(starts_at=starts_at, code=exc.code, detail=exc.detail))
            except BaseException:
                await session.rollback()
                if hold is not None:
                    await calendary.release(hold.id)
                raise
    return result


async def add_student_to_group_lessons(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> int:
    """Seat a new member in the group's future scheduled lessons (idempotent)."""
    lessons = await lesson_repository.future_group_lessons(session, group_id, utcnow())
    return await lesson_repository.add_seats_if_missing(session, lessons, student_id)


async def remove_student_from_group_lessons(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> None:
    """Take a former member off the group's future lessons; marked seats stay as history."""
    lessons = await lesson_repository.future_group_lessons(session, group_id, utcnow())
    await lesson_repository.remove_unmarked_seats(session, [lesson.id for lesson in lessons], student_id)
