"""Dependencies: the downstream gateways and the service's settings."""

from __future__ import annotations

from typing import Annotated

import redis.asyncio as aioredis
from fastapi import Depends, Request

from ..clients import Calendary, Groups
from ..config import Settings as Settings
from ..config import SettingsDep as SettingsDep
from ..config import get_settings as get_settings


async def get_calendary(request: Request) -> Calendary:
    return Calendary(request.app.state.clients.get("calendary"))


async def get_groups(request: Request) -> Groups:
    return Groups(request.app.state.clients.get("groups"))


async def get_redis(request: Request) -> aioredis.Redis:
    redis: aioredis.Redis = request.app.state.redis
    return redis


RedisDep = Annotated[aioredis.Redis, Depends(get_redis)]
CalendaryDep = Annotated[Calendary, Depends(get_calendary)]
GroupsDep = Annotated[Groups, Depends(get_groups)]
