"""Rules of group series: one lesson per pattern occurrence, booked through calendary, never twice;
and the rosters of a group's future lessons following its membership."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.db import Database, utcnow
from studio_kit.errors import AppError
from studio_kit.loops import run_until_stopped

from ..clients import Calendary, Groups, Hold
from ..config import Settings
from ..database import audit, outbox
from ..events.published import LessonRosterChanged, RosterLesson
from ..lessons import repository as lesson_repository
from ..lessons import saga as lesson_saga
from ..lessons import service as lesson_service
from ..lessons.errors import (
    HoldExpired,
    OutsideAvailability,
    OutsideBookingWindow,
    RangeTooLong,
    RoomTaken,
    SlotTaken,
)
from ..lessons.models import Lesson
from . import repository as series_repository
from .errors import ClosedDayNotFound, GroupNotActive
from .models import StudioClosedDay
from .schemas import ClosedDayCreate, ClosedDayRead, PlanResult, SeriesRequest, SeriesResult, SkippedOccurrence

logger = logging.getLogger("lessons_service.series")
# Who the periodic extension books as (lesson.booked_by).
HORIZON_JOB = Principal(subject="service:lessons:group-horizon", role="service")
SKIPPABLE = (SlotTaken, RoomTaken, OutsideAvailability, OutsideBookingWindow, HoldExpired)


def occurrences(
    roster: dict[str, Any], first: date, last: date, closed: set[date] | None = None
) -> list[tuple[datetime, datetime]]:
    """Start and end (UTC) of every pattern slot between two dates, in the group's timezone; the
    studio's closed days (local dates) have none."""
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
        if closed and day in closed:
            day += timedelta(days=1)
            continue
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
    async with database.sessionmaker() as session:
        closed = await series_repository.closed_dates(session, data.from_, data.to)
    for day in sorted(closed):
        for starts_at, _ in occurrences(roster, day, day):
            if starts_at > now:
                result.skipped.append(
                    SkippedOccurrence(starts_at=starts_at, code="closed_day", detail="The studio is closed that day.")
                )
    for starts_at, ends_at in occurrences(roster, data.from_, data.to, closed):
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
    added = set(await lesson_repository.add_seats_if_missing(session, lessons, student_id))
    await _publish_roster_change(session, group_id, student_id, "added", [item for item in lessons if item.id in added])
    return len(added)


async def remove_student_from_group_lessons(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> None:
    """Take a former member off the group's future lessons; marked seats stay as history."""
    lessons = await lesson_repository.future_group_lessons(session, group_id, utcnow())
    removed = set(await lesson_repository.remove_unmarked_seats(session, [lesson.id for lesson in lessons], student_id))
    await _publish_roster_change(
        session, group_id, student_id, "removed", [item for item in lessons if item.id in removed]
    )


async def _publish_roster_change(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, change: str, lessons: list[Lesson]
) -> None:
    """Tell calendary (its attendee lists guard a student's time) which lessons the student joined
    or left; nothing when the rosters did not change (a redelivered membership event)."""
    if not lessons:
        return
    await outbox.add(
        session,
        LessonRosterChanged(
            group_id=group_id,
            student_id=student_id,
            change="added" if change == "added" else "removed",
            lessons=[
                RosterLesson(
                    lesson_id=lesson.id, calendar_event_id=lesson.calendar_event_id, starts_at=lesson.starts_at
                )
                for lesson in sorted(lessons, key=lambda item: item.starts_at)
            ],
        ),
    )


def _plan_range(roster: dict[str, Any], settings: Settings, today: date) -> tuple[date, date]:
    """From today (or the term's start) to the term's end, or the rolling horizon when the term is
    open-ended; never longer than one series generation may cover."""
    first = max(today, date.fromisoformat(roster["starts_on"]))
    horizon = first + timedelta(days=settings.lessons_group_horizon_days - 1)
    last = date.fromisoformat(roster["ends_on"]) if roster.get("ends_on") else horizon
    return first, min(last, first + timedelta(days=settings.lessons_max_series_days - 1))


async def activate_group(
    database: Database,
    calendary: Calendary,
    groups: Groups,
    settings: Settings,
    group_id: uuid.UUID,
    user: Principal,
) -> PlanResult:
    """Generate an active group's lessons for its term (or the rolling horizon); idempotent."""
    roster = await groups.roster(group_id)
    if roster["status"] != "active":
        raise GroupNotActive(f"The group is {roster['status']}; activate it first.")
    first, last = _plan_range(roster, settings, utcnow().date())
    if last < first:
        return PlanResult(group_id=group_id, lessons_created=0, skipped=[])
    result = await generate_series(
        database, calendary, groups, settings, group_id, SeriesRequest(**{"from": first, "to": last}), user
    )
    return PlanResult(group_id=group_id, lessons_created=len(result.created), skipped=result.skipped)


async def replan_group(
    database: Database,
    calendary: Calendary,
    groups: Groups,
    settings: Settings,
    group_id: uuid.UUID,
    user: Principal,
) -> PlanResult:
    """After the weekly schedule changed: future lessons the new pattern no longer has are cancelled
    (students and teacher notified, nobody charged) and the new pattern's lessons are booked. Past
    lessons are never touched."""
    roster = await groups.roster(group_id)
    if roster["status"] != "active":
        return PlanResult(group_id=group_id, lessons_created=0, skipped=[])
    now = utcnow()
    first, last = _plan_range(roster, settings, now.date())
    async with database.sessionmaker() as session:
        future = await lesson_repository.future_group_lessons(session, group_id, now)
        closed = await series_repository.closed_dates(session, first, last)
    wanted = set(occurrences(roster, first, last, closed))
    cancelled = 0
    for lesson in future:
        if (lesson.starts_at, lesson.ends_at) in wanted:
            continue
        async with database.sessionmaker() as session:
            await lesson_saga.cancel_lesson(
                session, calendary, settings, lesson.id, user, "The group's weekly schedule changed.", charge=False
            )
        cancelled += 1
    planned = await activate_group(database, calendary, groups, settings, group_id, user)
    return planned.model_copy(update={"lessons_cancelled": cancelled})


async def extend_horizons(database: Database, calendary: Calendary, groups: Groups, settings: Settings) -> int:
    """Keep every active group's lessons booked up to the rolling horizon; returns lessons created."""
    since = utcnow() - timedelta(days=settings.lessons_group_horizon_days)
    async with database.sessionmaker() as session:
        group_ids = await series_repository.groups_with_lessons_since(session, since)
    created = 0
    for group_id in group_ids:
        try:
            planned = await activate_group(database, calendary, groups, settings, group_id, HORIZON_JOB)
            created += planned.lessons_created
        except GroupNotActive:
            continue
        except (AppError, SQLAlchemyError, OSError) as exc:
            logger.warning("could not extend group %s's lessons, will try again: %s", group_id, exc)
    return created


async def run_horizon_extender(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: extend open-ended groups every LESSONS_GROUP_EXTEND_INTERVAL_SECONDS."""
    settings: Settings = app.state.settings
    calendary = Calendary(app.state.clients.get("calendary"))
    groups = Groups(app.state.clients.get("groups"))
    if calendary.client is None or groups.client is None:
        return

    async def step() -> None:
        await extend_horizons(app.state.database, calendary, groups, settings)

    await run_until_stopped(
        step, stop, interval=settings.lessons_group_extend_interval_seconds, name="group horizon extender"
    )


async def list_closed_days(session: AsyncSession, first: date, last: date) -> list[ClosedDayRead]:
    """The studio's closed days in a range."""
    rows = await series_repository.list_closed_days(session, first, last)
    return [ClosedDayRead(date=row.closed_date, reason=row.reason) for row in rows]


async def add_closed_day(session: AsyncSession, data: ClosedDayCreate, user: Principal) -> ClosedDayRead:
    """Mark a day closed (a holiday): group lessons generated from now on skip it. Idempotent."""
    day = StudioClosedDay(closed_date=data.date, reason=data.reason, created_by=user.subject, created_at=utcnow())
    row = await series_repository.add_closed_day(session, day)
    return ClosedDayRead(date=row.closed_date, reason=row.reason)


async def delete_closed_day(session: AsyncSession, closed_date: date) -> None:
    """Open a closed day again."""
    if not await series_repository.delete_closed_day(session, closed_date):
        raise ClosedDayNotFound(f"{closed_date} is not a closed day.")
