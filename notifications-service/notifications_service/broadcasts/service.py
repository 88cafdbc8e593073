"""Admin announcements: accepted at once, fanned out to every recipient by the worker."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..notifications.service import MessageSpec, NotifyConfig, Target, create_notifications
from ..recipients import repository as recipient_repository
from . import repository as broadcast_repository
from .errors import BroadcastNotFound
from .models import Broadcast
from .schemas import BroadcastCreate

# Broadcasts fanned out per pass of the dispatcher.
FAN_OUT_BATCH = 5


async def create_broadcast(session: AsyncSession, data: BroadcastCreate, created_by: uuid.UUID) -> Broadcast:
    """Queue a broadcast; the worker sends it, so the request returns at once."""
    return await broadcast_repository.add_broadcast(
        session,
        {
            "id": uuid.uuid4(),
            "audience": data.audience,
            "group_id": data.group_id,
            "subject": data.subject,
            "body": data.body,
            "created_by": created_by,
        },
    )


async def get_broadcast(session: AsyncSession, broadcast_id: uuid.UUID) -> Broadcast:
    """One broadcast with its progress."""
    broadcast = await broadcast_repository.get_broadcast(session, broadcast_id)
    if broadcast is None:
        raise BroadcastNotFound()
    return broadcast


async def fan_out_broadcasts(session: AsyncSession, config: NotifyConfig, limit: int = FAN_OUT_BATCH) -> int:
    """Turn queued broadcasts into delivery-log rows (each claimed by one instance only)."""
    broadcasts = await broadcast_repository.claim_queued_broadcasts(session, limit)
    for broadcast in broadcasts:
        if broadcast.audience == "group" and broadcast.group_id is not None:
            student_ids = await recipient_repository.list_group_student_ids(session, broadcast.group_id)
        else:
            student_ids = [r.user_id for r in await recipient_repository.list_active_by_role(session, "student")]
        subject, body = broadcast.subject, broadcast.body

        def context(language: str, timezone: str, subject: str = subject, body: str = body) -> dict[str, Any]:
            return {"subject": subject, "body": body}

        spec = MessageSpec(
            event_id=broadcast.id,
            event_type="broadcast",
            dedup_key=f"broadcast:{broadcast.id}",
            category="news",
            template="broadcast",
            context=context,
            payload={"url": config.app_url},
        )
        await create_notifications(session, spec, [Target(user_id=user_id) for user_id in student_ids], config)
        broadcast.status = "sent"
        broadcast.recipient_count = len(student_ids)
        broadcast.processed_at = utcnow()
    await session.flush()
    return len(broadcasts)
