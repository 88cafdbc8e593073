"""HTTP routes for the price list."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..database import audit
from ..lessons.dependencies import SettingsDep
from . import service as price_service
from .schemas import PriceListRead, PriceListUpdate, PriceQuote

router = APIRouter(prefix="/prices", tags=["prices"])


@router.get("", response_model=PriceListRead)
async def get_price_list(
    session: SessionDep, settings: SettingsDep, user: CurrentUser, on: Annotated[date | None, Query()] = None
) -> PriceListRead:
    """The price list in force on a date (today by default)."""
    return await price_service.get_price_list(session, settings, on)


@router.put("", response_model=PriceListRead)
async def set_price_list(
    data: PriceListUpdate, session: SessionDep, settings: SettingsDep, user: AdminUser
) -> PriceListRead:
    """Replace the price list from a date on (today by default); earlier lists stay in history."""
    prices = await price_service.set_price_list(session, settings, data, user.subject)
    target = ("price_list", prices.valid_from.isoformat() if prices.valid_from else "default")
    await audit.record(session, user, "prices.changed", target, data.model_dump(mode="json"))
    return prices


@router.get("/quote", response_model=PriceQuote)
async def quote_price(
    kind: Literal["individual", "trial"],
    duration_minutes: Annotated[int, Query(ge=15, le=240)],
    starts_at: AwareDatetime,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> PriceQuote:
    """What a lesson of this kind and length starting then would cost."""
    return await price_service.quote(session, settings, kind, duration_minutes, starts_at)
