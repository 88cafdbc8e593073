"""The shared Redis connection."""

from typing import Annotated

import redis.asyncio as aioredis
from fastapi import Depends, Request


async def get_redis(request: Request) -> aioredis.Redis:
    redis: aioredis.Redis | None = request.app.state.redis
    if redis is None:
        raise RuntimeError("auth-service needs REDIS_URL (rate limits, lockout, OAuth state)")
    return redis


RedisDep = Annotated[aioredis.Redis, Depends(get_redis)]
