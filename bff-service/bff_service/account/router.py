"""`/api/me`: who is logged in, their notification preferences and Telegram linking."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..session.dependencies import AnyCaller
from . import service as account_service
from .schemas import MeRead, PreferencesRead, PreferencesUpdate, TelegramLinkRead

router = APIRouter(prefix="/api/me", tags=["account"])


@router.get("", response_model=MeRead)
async def me(caller: AnyCaller) -> Any:
    """The current user with their profile (a profile service that is down is flagged in `degraded`)."""
    return await account_service.get_me(caller)


@router.get("/preferences", response_model=PreferencesRead)
async def get_preferences(caller: AnyCaller) -> Any:
    """Notification language, timezone, quiet hours and channels per category."""
    return await account_service.get_preferences(caller)


@router.put("/preferences", response_model=PreferencesRead)
async def put_preferences(data: PreferencesUpdate, caller: AnyCaller) -> Any:
    """Replace the notification preferences."""
    return await account_service.update_preferences(caller, data.model_dump(mode="json"))


@router.post("/telegram/link", response_model=TelegramLinkRead, status_code=201)
async def telegram_link(caller: AnyCaller) -> Any:
    """A one-time deep link that binds the caller's Telegram chat through the bot."""
    return await account_service.create_telegram_link(caller)
