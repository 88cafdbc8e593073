"""The student dashboard's read-through cache (ADR 0240) and everything that makes it stale.

Each answer is kept under `bff:student-dashboard:<generation>.<student generation>:<student id>`,
both generations read when its computation began, so a change makes every answer it touches
unreachable at once, including one being written right now from data read before the change.

- A change to one student's own facts increments that student's generation only: their writes
  through the BFF (a booking, a cancel, a checkout) and the events naming them (a lesson scheduled
  or moved with them on it, a payment, a low balance, a package running low or ending).
- A change that shows on many dashboards increments the global generation: a staff write through
  the BFF (an admin may touch any student; the BFF does not read which), a group's membership (its
  members count shows on every member's card), a teacher's card, an event naming no student.
- Events whose effect lands in another service after the BFF hears of them (students-service
  settles a completed or late-cancelled lesson) also open a short settling window in which answers
  are computed but not kept.
- Writes under /api/auth/ (log in, log out, register, passwords) change no dashboard and drop nothing.

Redis failing costs the cache, never the answer."""

from __future__ import annotations

import logging
from collections.abc import Iterable

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
STUDENT_GENERATION_PREFIX = f"{PREFIX}student:"
# A student's generation outlives every answer kept under it (STUDENT_DASHBOARD_CACHE_SECONDS is
# at most a day): once it expires and starts again from 0, nothing is left under the old numbers.
STUDENT_GENERATION_SECONDS = 7 * 24 * 3600
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Session-only writes: nothing a dashboard shows changes (a new account has no kept dashboard).
UNCHANGING_PREFIX = "/api/auth/"
# Set by the session dependency on the request's state: the student whose own write this is.
WRITER_STATE = "dashboard_student_id"


def _key(generation: str, student_generation: str, student_id: str) -> str:
    return f"{PREFIX}{generation}.{student_generation}:{student_id}"


def _student_generation_key(student_id: str) -> str:
    return f"{STUDENT_GENERATION_PREFIX}{student_id}"


async def load(redis: aioredis.Redis, student_id: str) -> tuple[str | None, str | None]:
    """(the kept answer or None, the key to keep a fresh answer under or None when it must not be kept)."""
    try:
        generation, settling, student_generation = await redis.mget(
            GENERATION_KEY, SETTLING_KEY, _student_generation_key(student_id)
        )
        key = _key(str(generation or "0"), str(student_generation or "0"), student_id)
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


async def invalidate_students(redis: aioredis.Redis, student_ids: Iterable[str]) -> None:
    """Make the kept dashboards of these students unreachable, nobody else's. Raises on a Redis error."""
    async with redis.pipeline(transaction=False) as pipe:
        for student_id in dict.fromkeys(student_ids):
            key = _student_generation_key(student_id)
            pipe.incr(key)
            pipe.expire(key, STUDENT_GENERATION_SECONDS)
        await pipe.execute()


async def invalidate_after_write(redis: aioredis.Redis, student_id: str | None) -> None:
    """A student's own write drops their dashboard; anyone else's (staff, no session) drops all."""
    try:
        if student_id is None:
            await invalidate(redis)
        else:
            await invalidate_students(redis, [student_id])
    except RedisError as exc:
        # The write itself succeeded; the answers already kept stay until their TTL runs out.
        logger.warning("student dashboards not invalidated after a write: %s", exc)


def writer(scope: Scope) -> str | None:
    """The student whose own write this is (the session dependency marked it), else None."""
    state = scope.get("state") or {}
    student_id = state.get(WRITER_STATE)
    return str(student_id) if student_id else None


class InvalidateOnWrite:
    """Pure ASGI: a write under /api/ that was not refused (no 4xx) invalidates the kept dashboards
    it may have changed before its answer starts, so the next dashboard load reads the change: the
    writing student's own, or every one for a staff write. A 5xx counts too: a service may have
    committed before the BFF gave up waiting. Writes under /api/auth/ drop nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WRITE_METHODS
            or not scope["path"].startswith("/api/")
            or scope["path"].startswith(UNCHANGING_PREFIX)
        ):
            await self.app(scope, receive, send)
            return
        started = False

        async def send_after_invalidating(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not 400 <= message["status"] < 500:
                    await invalidate_after_write(scope["app"].state.redis, writer(scope))
            await send(message)

        try:
            await self.app(scope, receive, send_after_invalidating)
        except BaseException:
            if not started:
                await invalidate_after_write(scope["app"].state.redis, writer(scope))
            raise
