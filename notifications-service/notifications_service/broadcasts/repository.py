"""SQL for broadcasts."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.wakeup import notify

from ..notifications.repository import DUE_CHANNEL
from .models import Broadcast


async def add_broadcast(session: AsyncSession, values: dict[str, Any]) -> Broadcast:
    broadcast = Broadcast(**values)
    session.add(broadcast)
    await session.flush()
    await notify(session, DUE_CHANNEL)  # the dispatcher fans it out as soon as this commits
    return broadcast


async def get_broadcast(session: AsyncSession, broadcast_id: uuid.UUID) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def claim_queued_broadcasts(session: AsyncSession, limit: int) -> list[Broadcast]:
    rows = await session.scalars(
        select(Broadcast)
        .where(Broadcast.status == "queued")
        .order_by(Broadcast.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows)
