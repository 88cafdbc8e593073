"""Free slots and the schedule: the pure engine (engine.py) fed from PostgreSQL (repository.py) and
the Redis slot cache (cache.py), inside the notice/horizon window."""

import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from ..availability import repository as availability_repository
from ..availability.schemas import TimeOffRead
from ..bookings import repository as booking_repository
from ..bookings.schemas import EventRead
from ..config import Settings
from . import cache as slot_cache
from . import repository as slot_repository
from .engine import CalendarSnapshot, availability, compute_slots, snapshot_from_rows
from .errors import InvalidRange, RangeTooLarge, TooManyTeachers
from .schemas import ScheduleRead, SlotRead

logger = logging.getLogger(__name__)


def booking_window(settings: Settings, now: datetime) -> tuple[datetime, datetime]:
    """[earliest, latest] start a booking may have right now."""
    return (
        now + timedelta(minutes=settings.calendary_min_notice_minutes),
        now + timedelta(days=settings.calendary_booking_horizon_days),
    )


def check_range(settings: Settings, starts_at: datetime, ends_at: datetime, max_days: int | None = None) -> None:
    max_days = max_days or settings.calendary_max_range_days
    if ends_at <= starts_at:
        raise InvalidRange("`to` must be after `from`.")
    if ends_at - starts_at > timedelta(days=max_days):
        raise RangeTooLarge(f"A range may span at most {max_days} days.", max_days=max_days)


async def load_snapshots(
    session: AsyncSession,
    settings: Settings,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
) -> dict[uuid.UUID, CalendarSnapshot]:
    """Everything that decides each teacher's free time in the range, read in one statement."""
    # Local dates can be up to ±14 h away from UTC dates, so read a day more on each side.
    rows = await slot_repository.fetch_calendar_rows(
        session,
        teacher_ids,
        starts_at,
        ends_at,
        starts_at.date() - timedelta(days=2),
        ends_at.date() + timedelta(days=2),
    )
    by_teacher: dict[uuid.UUID, list[object]] = {teacher_id: [] for teacher_id in teacher_ids}
    for row in rows:
        by_teacher[row.teacher_id].append(row)
    zone = settings.calendary_default_timezone
    return {teacher_id: snapshot_from_rows(own, zone) for teacher_id, own in by_teacher.items()}


async def load_snapshot(
    session: AsyncSession, settings: Settings, teacher_id: uuid.UUID, starts_at: datetime, ends_at: datetime
) -> CalendarSnapshot:
    """Everything that decides one teacher's free time in the range."""
    return (await load_snapshots(session, settings, [teacher_id], starts_at, ends_at))[teacher_id]


async def _raw_slots(
    session: AsyncSession,
    redis: aioredis.Redis | None,
    settings: Settings,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    duration_minutes: int,
) -> dict[uuid.UUID, slot_cache.SlotStarts]:
    """Each teacher's slots in the range before notice and horizon (which move with the clock):
    from the cache where it has them, the rest computed from one read of PostgreSQL and cached."""
    step = settings.calendary_slot_step_minutes
    found: dict[uuid.UUID, slot_cache.SlotStarts] = {}
    entries: dict[uuid.UUID, slot_cache.Lookup] = {}
    if redis is not None:
        try:
            looked_up = await slot_cache.lookup(redis, teacher_ids, starts_at, ends_at, duration_minutes, step)
        except RedisError as exc:
            # The cache is an optimisation: without Redis every read computes from PostgreSQL.
            logger.warning("slot cache unavailable, computing without it: %s", exc)
        else:
            for teacher_id, entry in zip(teacher_ids, looked_up, strict=True):
                if entry.slots is not None:
                    found[teacher_id] = entry.slots
                else:
                    entries[teacher_id] = entry
    missing = [teacher_id for teacher_id in teacher_ids if teacher_id not in found]
    if not missing:
        return found
    duration = timedelta(minutes=duration_minutes)
    if not session.in_transaction():
        await slot_repository.read_without_transaction(session)
    snapshots = await load_snapshots(session, settings, missing, starts_at, ends_at + duration)
    fresh: dict[str, tuple[str, slot_cache.SlotStarts]] = {}
    for teacher_id in missing:
        computed = compute_slots(snapshots[teacher_id], starts_at, ends_at, duration, step)
        found[teacher_id] = [int(start.timestamp()) for start, _ in computed]
        stale = entries.get(teacher_id)
        if stale is not None:
            fresh[stale.key] = (stale.version, found[teacher_id])
    if redis is not None and fresh:
        try:
            await slot_cache.put_slots(redis, fresh, settings.calendary_slot_cache_ttl_seconds)
        except RedisError as exc:
            logger.warning("slot cache unavailable, result not cached: %s", exc)
    return found


async def list_free_slots_of_teachers(
    session: AsyncSession,
    redis: aioredis.Redis | None,
    settings: Settings,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    duration_minutes: int,
    now: datetime | None = None,
    *,
    max_days: int | None = None,
) -> dict[uuid.UUID, slot_cache.SlotStarts]:
    """Bookable slots of each teacher in a range, honouring notice, horizon and the step, as their
    starts in Unix seconds (each lasts `duration_minutes`): many teachers' weeks are tens of
    thousands of slots."""
    check_range(settings, starts_at, ends_at, max_days)
    teacher_ids = list(dict.fromkeys(teacher_ids))
    now = now or datetime.now(UTC)
    earliest, latest = booking_window(settings, now)
    if starts_at > latest or ends_at <= earliest:
        return {teacher_id: [] for teacher_id in teacher_ids}
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    raw = await _raw_slots(session, redis, settings, teacher_ids, starts_at, ends_at, duration_minutes)
    earliest_ts, latest_ts = earliest.timestamp(), latest.timestamp()
    return {
        teacher_id: [start for start in raw[teacher_id] if earliest_ts <= start <= latest_ts]
        for teacher_id in teacher_ids
    }


def batch_max_days(settings: Settings) -> int:
    """A batch may span the whole booking horizon (nothing is bookable beyond it)."""
    return max(settings.calendary_max_range_days, settings.calendary_booking_horizon_days + 1)


def check_batch(settings: Settings, teacher_ids: Sequence[uuid.UUID]) -> None:
    if len(set(teacher_ids)) > settings.calendary_slots_batch_max_teachers:
        raise TooManyTeachers(
            f"Ask for at most {settings.calendary_slots_batch_max_teachers} teachers at a time.",
            max_teachers=settings.calendary_slots_batch_max_teachers,
        )


def mark_changed(session: AsyncSession, teacher_id: uuid.UUID) -> None:
    """Invalidate the teacher's cached slots once the current transaction commits."""
    slot_cache.mark_changed(session, teacher_id)


async def get_schedule(
    session: AsyncSession, settings: Settings, teacher_id: uuid.UUID, starts_at: datetime, ends_at: datetime
) -> ScheduleRead:
    """The teacher's working intervals, events and time off in a range, for a calendar view."""
    check_range(settings, starts_at, ends_at)
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    snapshot = await load_snapshot(session, settings, teacher_id, starts_at, ends_at)
    events = await booking_repository.list_teacher_events(session, teacher_id, starts_at, ends_at)
    students = await booking_repository.student_ids_by_event(session, [event.id for event in events])
    time_off = await availability_repository.list_time_off(session, teacher_id, starts_at, ends_at)
    return ScheduleRead(
        teacher_id=teacher_id,
        timezone=snapshot.timezone.key,
        availability=[
            SlotRead(starts_at=start, ends_at=end) for start, end in availability(snapshot, starts_at, ends_at)
        ],
        events=[
            EventRead(
                id=event.id,
                status=event.status,
                kind=event.kind,
                teacher_id=event.teacher_id,
                room_id=event.room_id,
                student_ids=students.get(event.id, []),
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                expires_at=event.expires_at,
                lesson_id=event.lesson_id,
                sequence=event.sequence,
            )
            for event in events
        ],
        time_off=[TimeOffRead.model_validate(period) for period in time_off],
    )
