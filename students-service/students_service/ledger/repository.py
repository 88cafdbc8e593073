"""SQL for ledger entries."""

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import CHARGE_KINDS, LedgerEntry


async def balance_of(session: AsyncSession, student_id: uuid.UUID) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)).where(LedgerEntry.student_id == student_id)
    )
    return int(total or 0)


async def list_entries(session: AsyncSession, student_id: uuid.UUID) -> list[LedgerEntry]:
    query = (
        select(LedgerEntry)
        .where(LedgerEntry.student_id == student_id)
        .order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc())
    )
    return list((await session.scalars(query)).all())


async def get_entry_by_key(session: AsyncSession, key: str) -> LedgerEntry | None:
    return await session.scalar(select(LedgerEntry).where(LedgerEntry.idempotency_key == key))


async def get_lesson_charge(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> LedgerEntry | None:
    return await session.scalar(
        select(LedgerEntry).where(
            LedgerEntry.student_id == student_id,
            LedgerEntry.lesson_id == lesson_id,
            LedgerEntry.kind.in_(CHARGE_KINDS),
        )
    )


async def add_entry(session: AsyncSession, entry: LedgerEntry) -> LedgerEntry:
    session.add(entry)
    await session.flush()
    return entry
