"""SQL for push subscriptions."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from .models import PushSubscription


async def save_subscription(
    session: AsyncSession, user_id: uuid.UUID, endpoint: str, p256dh: str, auth: str
) -> PushSubscription:
    """One row per endpoint: a browser that subscribes again (or for another user) takes it over."""
    values = {"user_id": user_id, "p256dh": p256dh, "auth": auth}
    subscription_id = await session.scalar(
        insert(PushSubscription)
        .values(id=uuid.uuid4(), endpoint=endpoint, **values)
        .on_conflict_do_update(index_elements=[PushSubscription.endpoint], set_={**values, "updated_at": utcnow()})
        .returning(PushSubscription.id)
    )
    subscription = await session.get(PushSubscription, subscription_id, populate_existing=True)
    assert subscription is not None
    return subscription


async def get_subscription(session: AsyncSession, subscription_id: uuid.UUID) -> PushSubscription | None:
    return await session.get(PushSubscription, subscription_id)


async def delete_subscription(session: AsyncSession, subscription: PushSubscription) -> None:
    await session.delete(subscription)


async def list_subscriptions_for_users(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[PushSubscription]]:
    if not user_ids:
        return {}
    rows = await session.scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id.in_(list(user_ids)))
        .order_by(PushSubscription.created_at)
    )
    grouped: dict[uuid.UUID, list[PushSubscription]] = {}
    for row in rows:
        grouped.setdefault(row.user_id, []).append(row)
    return grouped


async def delete_subscriptions_by_endpoint(session: AsyncSession, endpoints: Sequence[str]) -> None:
    if endpoints:
        await session.execute(delete(PushSubscription).where(PushSubscription.endpoint.in_(list(endpoints))))


async def mark_delivered(session: AsyncSession, endpoints: Sequence[str]) -> None:
    if endpoints:
        await session.execute(
            update(PushSubscription)
            .where(PushSubscription.endpoint.in_(list(endpoints)))
            .values(last_success_at=utcnow())
        )
