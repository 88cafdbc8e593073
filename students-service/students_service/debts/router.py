"""HTTP route of the debts list."""

from typing import Annotated

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..config import SettingsDep
from . import service as debt_service
from .schemas import DebtList

router = APIRouter(prefix="/debts", tags=["debts"])


@router.get("", response_model=DebtList)
async def list_debts(
    session: SessionDep, settings: SettingsDep, _: AdminUser, days: Annotated[int, Query(ge=1, le=60)] = 7
) -> DebtList:
    """Students with a negative balance or a usable package ending within `days` (7 by default)."""
    return await debt_service.list_debts(
        session, days=days, currency=settings.students_currency, timezone=settings.students_studio_timezone
    )
