"""Reads the slot engine needs (one statement per teacher and range) and the Redis slot cache."""

import json
import logging
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession

logger = logging.getLogger(__name__)

CHANGED_TEACHERS = "calendary.changed_teachers"
VERSION_KEY = "calendary:slots:version:{teacher_id}"
SLOTS_KEY = "calendary:slots:{teacher_id}:v{version}:{start}:{end}:{duration}:{step}"

# Everything the engine needs in one round trip and one snapshot: the zone, the weekly rules and
# exceptions that touch the local dates, and the absolute periods (time off, live events) that
# overlap the range. Holds past their expiry no longer count even before the sweeper marks them.
CALENDAR_ROWS = text(
    """
    SELECT 'timezone' AS kind, NULL::smallint AS weekday, NULL::time AS start_time,
           NULL::time AS end_time, NULL::date AS day, NULL::date AS effective_to,
           NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at, timezone AS zone
      FROM teacher_calendar WHERE teacher_id = :teacher_id
    UNION ALL
    SELECT 'rule', weekday, start_time, end_time, effective_from, effective_to, NULL, NULL, NULL
      FROM availability_rule
     WHERE teacher_id = :teacher_id
       AND (effective_from IS NULL OR effective_from <= :last_day)
       AND (effective_to IS NULL OR effective_to > :first_day)
    UNION ALL
    SELECT kind, NULL, start_time, end_time, exception_date, NULL, NULL, NULL, NULL
      FROM availability_exception
     WHERE teacher_id = :teacher_id AND exception_date BETWEEN :first_day AND :last_day
    UNION ALL
    SELECT 'time_off', NULL, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL
      FROM time_off
     WHERE teacher_id = :teacher_id AND during && tstzrange(:starts_at, :ends_at, '[)')
    UNION ALL
    SELECT 'busy', NULL, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL
      FROM calendar_event
     WHERE teacher_id = :teacher_id AND during && tstzrange(:starts_at, :ends_at, '[)')
       AND (status = 'confirmed' OR (status = 'held' AND expires_at > now()))
    """
)


async def fetch_calendar_rows(
    session: AsyncSession,
    teacher_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
    first_day: date,
    last_day: date,
) -> list[Row[Any]]:
    result = await session.execute(
        CALENDAR_ROWS,
        {
            "teacher_id": teacher_id,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "first_day": first_day,
            "last_day": last_day,
        },
    )
    return list(result.all())


def mark_changed(session: AsyncSession, teacher_id: uuid.UUID) -> None:
    """Remember that this transaction changed the teacher's free time (see dependencies.get_session)."""
    session.info.setdefault(CHANGED_TEACHERS, set()).add(teacher_id)


def pop_changed(session: AsyncSession) -> set[uuid.UUID]:
    changed: set[uuid.UUID] = session.info.pop(CHANGED_TEACHERS, set())
    return changed


async def bump_versions(redis: aioredis.Redis | None, teacher_ids: Iterable[uuid.UUID]) -> None:
    if redis is None:
        return
    ids = list(teacher_ids)
    if not ids:
        return
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for teacher_id in ids:
                pipe.incr(VERSION_KEY.format(teacher_id=teacher_id))
            await pipe.execute()
    except RedisError as exc:
        # Runs after the commit: failing here would report a booking that did happen as failed.
        # Entries cached before the outage age out with the TTL; overlaps are refused by PostgreSQL.
        logger.warning("cannot invalidate the slot cache of %s: %s", ids, exc)


async def get_version(redis: aioredis.Redis, teacher_id: uuid.UUID) -> str:
    version = await redis.get(VERSION_KEY.format(teacher_id=teacher_id))
    return str(version or 0)


def slots_key(
    teacher_id: uuid.UUID, version: str, starts_at: datetime, ends_at: datetime, duration: int, step: int
) -> str:
    return SLOTS_KEY.format(
        teacher_id=teacher_id,
        version=version,
        start=int(starts_at.timestamp()),
        end=int(ends_at.timestamp()),
        duration=duration,
        step=step,
    )


async def get_cached_slots(redis: aioredis.Redis, key: str) -> list[tuple[int, int]] | None:
    raw = await redis.get(key)
    if raw is None:
        return None
    return [(int(start), int(end)) for start, end in json.loads(raw)]


async def cache_slots(redis: aioredis.Redis, key: str, slots: list[tuple[int, int]], ttl_seconds: int) -> None:
    await redis.set(key, json.dumps(slots), ex=ttl_seconds)
