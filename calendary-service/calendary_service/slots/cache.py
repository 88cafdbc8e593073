"""The Redis cache of computed slots: one entry per teacher, range, duration and step, under a
per-teacher version that every change of the teacher's free time bumps after its commit. The cache
is an optimisation: callers treat RedisError as a miss."""

import json
import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

logger = logging.getLogger(__name__)

CHANGED_TEACHERS = "calendary.changed_teachers"
VERSION_KEY = "calendary:slots:version:{teacher_id}"
SLOTS_KEY = "calendary:slots:{teacher_id}:v{version}:{start}:{end}:{duration}:{step}:starts"

SlotStarts = list[int]
"""Slots as their start in Unix seconds (the duration is part of the key), the cached form: a flat
list of numbers parses several times faster than pairs when many teachers' weeks are read."""


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


async def slot_keys(
    redis: aioredis.Redis,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    duration: int,
    step: int,
) -> list[str]:
    """The current cache key of each teacher's slots (one MGET for the versions)."""
    versions = await redis.mget([VERSION_KEY.format(teacher_id=teacher_id) for teacher_id in teacher_ids])
    return [
        SLOTS_KEY.format(
            teacher_id=teacher_id,
            version=str(version or 0),
            start=int(starts_at.timestamp()),
            end=int(ends_at.timestamp()),
            duration=duration,
            step=step,
        )
        for teacher_id, version in zip(teacher_ids, versions, strict=True)
    ]


async def get_slots(redis: aioredis.Redis, keys: Sequence[str]) -> list[SlotStarts | None]:
    """The cached slots under each key, None where there are none (one MGET)."""
    return [None if raw is None else json.loads(raw) for raw in await redis.mget(list(keys))]


async def put_slots(redis: aioredis.Redis, entries: dict[str, SlotStarts], ttl_seconds: int) -> None:
    if not entries:
        return
    async with redis.pipeline(transaction=False) as pipe:
        for key, slots in entries.items():
            pipe.set(key, json.dumps(slots), ex=ttl_seconds)
        await pipe.execute()
