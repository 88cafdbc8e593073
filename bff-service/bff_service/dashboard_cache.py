"""The student dashboard's read-through cache (ADR 0240) and everything that makes it stale.

Each answer is kept under `bff:student-dashboard:<generation>:<student id>`, the generation read
when its computation began. Every change the BFF lets through (a write it answers without a 4xx)
and every event that changes what a dashboard shows increments the generation, so every kept
answer is unreachable at once, including one being written right now from data read before the
change. Events whose effect lands in another service after the BFF hears of them (students-service
settles a completed or late-cancelled lesson) also open a short settling window in which answers
are computed but not kept. Redis failing costs the cache, never the answer."""

from __future__ import annotations

import logging

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("bff_service.dashboard_cache")

PREFIX = "bff:student-dashboard:"
GENERATION_KEY = f"{PREFIX}generation"
SETTLING_KEY = f"{PREFIX}settling"
# How long after a lesson is completed or cancelled no answer is kept: students-service settles it
# from the same event, usually within milliseconds; the TTL bounds anything slower.
SETTLE_SECONDS = 10
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _key(generation: str, student_id: str) -> str:
    return f"{PREFIX}{generation}:{student_id}"


async def load(redis: aioredis.Redis, student_id: str) -> tuple[str | None, str | None]:
    """(the kept answer or None, the key to keep a fresh answer under or None when it must not be kept)."""
    try:
        generation, settling = await redis.mget(GENERATION_KEY, SETTLING_KEY)
        key = _key(str(generation or "0"), student_id)
        body = await redis.get(key)
    except RedisError as exc:
        logger.warning("student dashboard cache unavailable, answering from the services: %s", exc)
        return None, None
    # The app's client decodes responses: a kept answer comes back as the JSON text it stored.
    return (str(body) if body is not None else None), None if settling else key


async def keep(redis: aioredis.Redis, key: str, body: str, ttl: int) -> None:
    try:
        await redis.set(key, body, ex=ttl)
    except RedisError as exc:
        logger.warning("student dashboard not cached: %s", exc)


async def invalidate(redis: aioredis.Redis, *, settling: bool = False) -> None:
    """Make every kept dashboard unreachable; with `settling`, keep none for SETTLE_SECONDS either.
    Raises on a Redis error (an event handler is retried)."""
    async with redis.pipeline(transaction=False) as pipe:
        if settling:
            pipe.set(SETTLING_KEY, "1", ex=SETTLE_SECONDS)
        pipe.incr(GENERATION_KEY)
        await pipe.execute()


async def invalidate_after_write(redis: aioredis.Redis) -> None:
    try:
        await invalidate(redis)
    except RedisError as exc:
        # The write itself succeeded; the answers already kept stay until their TTL runs out.
        logger.warning("student dashboards not invalidated after a write: %s", exc)


class InvalidateOnWrite:
    """Pure ASGI: a write under /api/ that was not refused (no 4xx) invalidates every kept student
    dashboard before its answer starts, so the next dashboard load reads the change. A 5xx counts
    too: a service may have committed before the BFF gave up waiting."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        started = False

        async def send_after_invalidating(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not 400 <= message["status"] < 500:
                    await invalidate_after_write(scope["app"].state.redis)
            await send(message)

        try:
            await self.app(scope, receive, send_after_invalidating)
        except BaseException:
            if not started:
                await invalidate_after_write(scope["app"].state.redis)
            raise
