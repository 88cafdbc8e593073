"""Counters and locks in Redis (shared by every replica; they expire on their own)."""

from __future__ import annotations

import redis.asyncio as aioredis

PREFIX = "auth:"


async def lock_remaining_ms(redis: aioredis.Redis, key: str) -> int:
    """Milliseconds left on a lock, 0 when there is none."""
    remaining = int(await redis.pttl(f"{PREFIX}lock:{key}"))
    return max(remaining, 0)


async def record_failure(
    redis: aioredis.Redis, key: str, *, free: int, window: int, base_delay: int, max_delay: int
) -> int:
    """Count one failure in the window. From the `free`-th failure on the key must wait before
    its next attempt: `base_delay` seconds, doubling with every further failure, at most `max_delay`.
    Returns that wait in milliseconds, or 0."""
    counter = f"{PREFIX}fail:{key}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(counter)
        pipe.expire(counter, window + max_delay, nx=True)
        failures, _ = await pipe.execute()
    beyond = int(failures) - free
    if beyond < 0:
        return 0
    delay = min(max_delay, base_delay * 2 ** min(beyond, 20))
    await redis.set(f"{PREFIX}lock:{key}", "1", ex=delay)
    return delay * 1000


async def clear_failures(redis: aioredis.Redis, key: str) -> None:
    """Forget a key's failures and any wait it is serving (a successful login, a password reset)."""
    await redis.delete(f"{PREFIX}fail:{key}", f"{PREFIX}lock:{key}")


async def remember_device(redis: aioredis.Redis, token_digest: str, account_key: str, *, ttl: int) -> None:
    await redis.set(f"{PREFIX}device:{token_digest}", account_key, ex=ttl)


async def device_account(redis: aioredis.Redis, token_digest: str) -> str | None:
    value = await redis.get(f"{PREFIX}device:{token_digest}")
    return value.decode() if isinstance(value, bytes) else value


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
