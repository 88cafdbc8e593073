"""Reference data shared by many screens (the teacher listing), cached in Redis and dropped by
every change that affects it."""

from __future__ import annotations

import json
from typing import Any

import redis.asyncio as aioredis

from .downstream import Caller

TEACHERS_KEY = "bff:cache:teachers"


async def list_teachers(caller: Caller) -> list[dict[str, Any]]:
    cached = await caller.redis.get(TEACHERS_KEY)
    if cached is not None:
        teachers: list[dict[str, Any]] = json.loads(cached)
        return teachers
    teachers = await caller.get("teachers", "/teachers")
    ttl = caller.settings.reference_cache_ttl_seconds
    if ttl:
        await caller.redis.set(TEACHERS_KEY, json.dumps(teachers), ex=ttl)
    return teachers


async def invalidate_teachers(redis: aioredis.Redis) -> None:
    await redis.delete(TEACHERS_KEY)


def public_teacher(teacher: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": teacher["id"],
        "first_name": teacher.get("first_name"),
        "last_name": teacher.get("last_name"),
        "bio": teacher.get("bio"),
        "levels": teacher.get("levels", []),
        "specialisations": teacher.get("specialisations", []),
        "timezone": teacher.get("timezone"),
    }
