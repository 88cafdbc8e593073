"""Price rules: the price of a lesson is the one listed for its kind and length on the lesson's date
(studio time); a kind the list does not mention costs the configured default."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..config import Settings
from . import repository as price_repository
from .errors import DurationNotPriced, ValidFromInPast
from .models import PriceList, PriceListItem
from .schemas import PriceItem, PriceListRead, PriceListUpdate, PriceQuote


def studio_date(settings: Settings, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(settings.lessons_studio_timezone)).date()


def default_prices(settings: Settings) -> dict[str, int]:
    return {"individual": settings.lessons_price_individual_minor, "trial": settings.lessons_price_trial_minor}


async def get_price_list(session: AsyncSession, settings: Settings, on_date: date | None = None) -> PriceListRead:
    """The price list in force on a date (today by default)."""
    on_date = on_date or studio_date(settings, utcnow())
    price_list = await price_repository.list_in_force(session, on_date)
    items = await price_repository.list_items(session, price_list) if price_list else []
    return PriceListRead(
        valid_from=price_list.valid_from if price_list else None,
        currency=price_list.currency if price_list else settings.lessons_currency,
        items=[PriceItem.model_validate(item, from_attributes=True) for item in items],
        defaults=default_prices(settings),
    )


async def set_price_list(session: AsyncSession, settings: Settings, data: PriceListUpdate, actor: str) -> PriceListRead:
    """Add a new price list from a date on; earlier lists stay for the dates before it."""
    today = studio_date(settings, utcnow())
    valid_from = data.valid_from or today
    if valid_from < today:
        raise ValidFromInPast()
    price_list = PriceList(id=uuid.uuid4(), valid_from=valid_from, currency=settings.lessons_currency, created_by=actor)
    items = [
        PriceListItem(
            price_list_id=price_list.id,
            kind=item.kind,
            duration_minutes=item.duration_minutes,
            amount_minor=item.amount_minor,
        )
        for item in data.items
    ]
    await price_repository.add_price_list(session, price_list, items)
    return await get_price_list(session, settings, valid_from)


async def quote(
    session: AsyncSession, settings: Settings, kind: str, duration_minutes: int, starts_at: datetime
) -> PriceQuote:
    """What a lesson of this kind and length starting then costs, and where the figure comes from."""
    on_date = studio_date(settings, starts_at)
    price_list = await price_repository.list_in_force(session, on_date)
    items = await price_repository.list_items(session, price_list) if price_list else []
    of_kind = [item for item in items if item.kind == kind]
    listed = next((item.amount_minor for item in of_kind if item.duration_minutes == duration_minutes), None)
    amount = price_of(settings, kind, duration_minutes, on_date, kind_listed=bool(of_kind), listed_amount=listed)
    return PriceQuote(
        kind=kind,
        duration_minutes=duration_minutes,
        on_date=on_date,
        amount_minor=amount,
        currency=price_list.currency if price_list and of_kind else settings.lessons_currency,
        source="price_list" if of_kind else "default",
    )


def price_of(
    settings: Settings,
    kind: str,
    duration_minutes: int,
    on_date: date,
    *,
    kind_listed: bool,
    listed_amount: int | None,
) -> int:
    """The rule: a kind the list in force does not mention costs the default; a listed kind costs
    its listed price for the length, and a length the list lacks is not bookable."""
    if not kind_listed:
        return default_prices(settings).get(kind, 0)
    if listed_amount is None:
        raise DurationNotPriced(f"No {kind} price for {duration_minutes} minutes on {on_date.isoformat()}.")
    return listed_amount
