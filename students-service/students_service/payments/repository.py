"""SQL for online payments."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import OnlinePayment


async def get_by_key(session: AsyncSession, student_id: uuid.UUID, key: str) -> OnlinePayment | None:
    return await session.scalar(
        select(OnlinePayment).where(OnlinePayment.student_id == student_id, OnlinePayment.idempotency_key == key)
    )


async def get_payment(session: AsyncSession, payment_id: uuid.UUID) -> OnlinePayment | None:
    return await session.get(OnlinePayment, payment_id)


async def lock_payment(session: AsyncSession, payment_id: uuid.UUID) -> OnlinePayment | None:
    """The payment row locked until the transaction ends, re-read after the wait."""
    return await session.scalar(
        select(OnlinePayment)
        .where(OnlinePayment.id == payment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def lock_by_provider_id(session: AsyncSession, provider: str, provider_payment_id: str) -> OnlinePayment | None:
    return await session.scalar(
        select(OnlinePayment)
        .where(OnlinePayment.provider == provider, OnlinePayment.provider_payment_id == provider_payment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def add_payment(session: AsyncSession, payment: OnlinePayment) -> OnlinePayment:
    session.add(payment)
    await session.flush()
    return payment
