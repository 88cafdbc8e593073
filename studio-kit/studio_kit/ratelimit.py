"""A fixed-window request counter in Redis, shared by every replica of a service: `hit` counts one
request of a subject and says how many the window holds so far and when it ends. Used for
per-account limits on expensive actions (booking, the bot's trial form)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import redis.asyncio as aioredis


@dataclass(frozen=True)
class Window:
    count: int
    retry_after: int  # whole seconds until the window ends

    def over(self, limit: int) -> bool:
        return self.count > limit


async def hit(redis: aioredis.Redis, key: str, *, window_seconds: int) -> Window:
    """Count one request under `key`. INCR and EXPIRE NX run in one MULTI, so concurrent requests
    each get their own number and the window starts with the first of them."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)
        pipe.pttl(key)
        count, _, remaining_ms = await pipe.execute()
    return Window(int(count), max(1, math.ceil(max(int(remaining_ms), 0) / 1000)))
