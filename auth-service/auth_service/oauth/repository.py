"""External identities in SQL; in-flight authorization state in Redis (single use, expiring)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import OAuthIdentity

STATE_PREFIX = "auth:oauth:state:"


async def get_identity(session: AsyncSession, provider: str, subject: str) -> OAuthIdentity | None:
    return (
        await session.execute(
            select(OAuthIdentity).where(OAuthIdentity.provider == provider, OAuthIdentity.subject == subject)
        )
    ).scalar_one_or_none()


async def add_identity(
    session: AsyncSession, *, user_id: uuid.UUID, provider: str, subject: str, email: str | None
) -> None:
    session.add(OAuthIdentity(user_id=user_id, provider=provider, subject=subject, email=email))
    await session.flush()


async def save_state(redis: aioredis.Redis, state: str, data: dict[str, Any], *, ttl: int) -> None:
    await redis.set(STATE_PREFIX + state, json.dumps(data), ex=ttl)


async def pop_state(redis: aioredis.Redis, state: str) -> dict[str, Any] | None:
    """GETDEL: a state is redeemed at most once, even by two racing callbacks."""
    raw = await redis.getdel(STATE_PREFIX + state)
    if raw is None:
        return None
    data: dict[str, Any] = json.loads(raw)
    return data
