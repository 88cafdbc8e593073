"""Counters and locks in Redis (shared by every replica; they expire on their own)."""

from __future__ import annotations

import redis.asyncio as aioredis

PREFIX = "auth:"


async def lock_remaining_ms(redis: aioredis.Redis, key: str) -> int:
    """Milliseconds left on a lock, 0 when there is none."""
    remaining = int(await redis.pttl(f"{PREFIX}lock:{key}"))
    return max(remaining, 0)


async def record_failure(redis: aioredis.Redis, key: str, *, limit: int, window: int, lockout: int) -> int:
    """Count one failure in the window; at `limit` the key is locked for `lockout` seconds.
    Returns the new lock's length in milliseconds, or 0."""
    counter = f"{PREFIX}fail:{key}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(counter)
        pipe.expire(counter, window, nx=True)
        failures, _ = await pipe.execute()
    if int(failures) < limit:
        return 0
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(f"{PREFIX}lock:{key}", "1", ex=lockout)
        pipe.delete(counter)
        await pipe.execute()
    return lockout * 1000


async def clear_failures(redis: aioredis.Redis, key: str) -> None:
    await redis.delete(f"{PREFIX}fail:{key}")


async def hit(redis: aioredis.Redis, key: str, *, window: int) -> tuple[int, int]:
    """Count a request in a fixed window; returns (count so far, milliseconds until the window resets)."""
    counter = f"{PREFIX}rate:{key}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(counter)
        pipe.expire(counter, window, nx=True)
        pipe.pttl(counter)
        count, _, remaining = await pipe.execute()
    return int(count), max(int(remaining), 0)


async def claim_once(redis: aioredis.Redis, key: str, *, seconds: int) -> bool:
    """True for the first caller within `seconds`, False for the rest."""
    return bool(await redis.set(f"{PREFIX}once:{key}", "1", ex=seconds, nx=True))
