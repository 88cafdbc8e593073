"""SQL for broadcasts."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import inline
from studio_kit.wakeup import notify_expression

from ..notifications.repository import BROADCAST_CHANNEL, DUE_CHANNEL
from .models import Broadcast


async def add_broadcast(session: AsyncSession, values: dict[str, Any]) -> Broadcast:
    broadcast = Broadcast(**values)
    session.add(broadcast)
    await session.flush()
    # The dispatcher fans it out as soon as this commits: the broadcast flag is raised before the
    # wake-up (PostgreSQL delivers a transaction's notifications in the order they were sent).
    await session.execute(select(notify_expression(BROADCAST_CHANNEL), notify_expression(DUE_CHANNEL)))
    return broadcast


async def get_broadcast(session: AsyncSession, broadcast_id: uuid.UUID) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def claim_queued_broadcasts(session: AsyncSession, limit: int) -> list[Broadcast]:
    rows = await session.scalars(
        select(Broadcast)
        .where(Broadcast.status == inline("queued"))  # ix_broadcast_queued
        .order_by(Broadcast.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows)
