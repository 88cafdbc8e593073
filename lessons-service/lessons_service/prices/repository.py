"""SQL for the price list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PriceList, PriceListItem


async def list_in_force(session: AsyncSession, on_date: date) -> PriceList | None:
    """The list in force on a date: the latest that had started by then, the newest edit on a tie."""
    return await session.scalar(
        select(PriceList)
        .where(PriceList.valid_from <= on_date)
        .order_by(PriceList.valid_from.desc(), PriceList.created_at.desc())
        .limit(1)
    )


async def list_items(session: AsyncSession, price_list: PriceList) -> list[PriceListItem]:
    query = (
        select(PriceListItem)
        .where(PriceListItem.price_list_id == price_list.id)
        .order_by(PriceListItem.kind, PriceListItem.duration_minutes)
    )
    return list((await session.scalars(query)).all())


async def add_price_list(session: AsyncSession, price_list: PriceList, items: list[PriceListItem]) -> None:
    session.add(price_list)
    await session.flush()
    session.add_all(items)
    await session.flush()
