"""Reference data cached in Redis under a generation number.

Dropping an entry is not enough: a request that read the old list from the owning service just
before a change could write it back just after the drop, and the cache would serve, say, a
deactivated teacher until the TTL ran out. So every entry is stored under the generation current
when its fetch began, and invalidation bumps the generation: a late write lands under a generation
nobody reads any more."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from ..clients.calendary import CalendaryClient
from ..clients.teachers import TeachersClient
from ..downstream import Caller, fan_out

logger = logging.getLogger("bff_service.reference")

PREFIX = "bff:cache:"
TEACHERS = "teachers"
ROOMS = "rooms"
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _generation_key(name: str) -> str:
    return f"{PREFIX}{name}:generation"


async def cached(
    redis: aioredis.Redis,
    name: str,
    ttl: int,
    fetch: Callable[[], Awaitable[Any]],
    *,
    keep: Callable[[Any], bool] = lambda value: True,
) -> Any:
    """The cached value of `name`, fetched (and stored for `ttl` seconds when `keep` says so) on a miss."""
    try:
        generation = str(await redis.get(_generation_key(name)) or "0")
        key = f"{PREFIX}{name}:{generation}"
        raw = await redis.get(key)
    except RedisError as exc:
        # A cache, not a source: without Redis the owning service answers.
        logger.warning("cache %s unavailable: %s", name, exc)
        return await fetch()
    if raw is not None:
        return json.loads(raw)
    value = await fetch()
    if ttl and keep(value):
        try:
            await redis.set(key, json.dumps(value, default=str), ex=ttl)
        except RedisError as exc:
            logger.warning("cache %s not written: %s", name, exc)
    return value


async def invalidate(redis: aioredis.Redis, name: str) -> None:
    """Make every cached copy of `name` unreachable, including one being written right now."""
    await redis.incr(_generation_key(name))


async def list_teachers(caller: Caller) -> list[dict[str, Any]]:
    """Active teachers' public cards."""

    async def fetch() -> Any:
        # Kept in Redis as JSON: validated at the boundary, stored as the cards the BFF serves.
        return [card.model_dump(mode="json") for card in await TeachersClient(caller).public_listing()]

    teachers: list[dict[str, Any]] = await cached(
        caller.redis, TEACHERS, caller.settings.reference_cache_ttl_seconds, fetch
    )
    return teachers


async def list_rooms(caller: Caller) -> list[dict[str, Any]]:
    """The studio's rooms."""

    async def fetch() -> Any:
        return [room.model_dump(mode="json") for room in await CalendaryClient(caller).rooms()]

    rooms: list[dict[str, Any]] = await cached(caller.redis, ROOMS, caller.settings.reference_cache_ttl_seconds, fetch)
    return rooms


async def get_reference(caller: Caller) -> dict[str, Any]:
    """Levels and rooms for forms and filters."""
    return {"levels": LEVELS, "rooms": await list_rooms(caller)}


async def teachers_by_id(caller: Caller) -> dict[str, dict[str, Any]]:
    """Teacher cards by id for decorating lessons; empty when teachers-service is down."""
    values, _ = await fan_out({"teachers": list_teachers(caller)})
    return {str(teacher["id"]): teacher for teacher in values["teachers"] or []}
