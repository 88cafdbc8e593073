"""The Redis cache of computed slots: one entry per teacher, range, duration and step, labelled with
the per-teacher version it was computed at; every change of the teacher's free time bumps the
version after its commit, so an entry with an older label is a miss. A reader gets the versions and
the entries in one MGET (the label is read from the entry, not from its key). The cache is an
optimisation: callers treat RedisError as a miss."""

import json
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

logger = logging.getLogger(__name__)

CHANGED_TEACHERS = "calendary.changed_teachers"
VERSION_KEY = "calendary:slots:version:{teacher_id}"
SLOTS_KEY = "calendary:slots:{teacher_id}:{start}:{end}:{duration}:{step}:starts"

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
        if len(ids) == 1:
            await redis.incr(VERSION_KEY.format(teacher_id=ids[0]))
            return
        async with redis.pipeline(transaction=False) as pipe:
            for teacher_id in ids:
                pipe.incr(VERSION_KEY.format(teacher_id=teacher_id))
            await pipe.execute()
    except RedisError as exc:
        # Runs after the commit: failing here would report a booking that did happen as failed.
        # Entries cached before the outage age out with the TTL; overlaps are refused by PostgreSQL.
        logger.warning("cannot invalidate the slot cache of %s: %s", ids, exc)


@dataclass(frozen=True)
class Lookup:
    """A teacher's cache entry: where it lives, the version a fresh computation is labelled with
    (read before the computation reads PostgreSQL), and the slots if the entry is current."""

    key: str
    version: str
    slots: SlotStarts | None


async def lookup(
    redis: aioredis.Redis,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    duration: int,
    step: int,
) -> list[Lookup]:
    """Each teacher's current version and cached slots, in one MGET."""
    start, end = int(starts_at.timestamp()), int(ends_at.timestamp())
    keys = [
        SLOTS_KEY.format(teacher_id=teacher_id, start=start, end=end, duration=duration, step=step)
        for teacher_id in teacher_ids
    ]
    # The kit opens Redis with decode_responses=True: values come back as str.
    values = cast(
        list[str | None],
        await redis.mget([*(VERSION_KEY.format(teacher_id=teacher_id) for teacher_id in teacher_ids), *keys]),
    )
    count = len(keys)
    found: list[Lookup] = []
    for key, version, raw in zip(keys, values[:count], values[count:], strict=True):
        version = version or "0"
        slots = None
        if raw is not None:
            label, _, body = raw.partition(" ")
            if label == version:
                slots = json.loads(body)
        found.append(Lookup(key, version, slots))
    return found


async def put_slots(redis: aioredis.Redis, entries: dict[str, tuple[str, SlotStarts]], ttl_seconds: int) -> None:
    """Store each key's slots labelled with the version they were computed at."""
    values = {key: f"{version} {json.dumps(slots, separators=(',', ':'))}" for key, (version, slots) in entries.items()}
    if len(values) == 1:
        ((key, value),) = values.items()
        await redis.set(key, value, ex=ttl_seconds)
        return
    async with redis.pipeline(transaction=False) as pipe:
        for key, value in values.items():
            pipe.set(key, value, ex=ttl_seconds)
        await pipe.execute()
