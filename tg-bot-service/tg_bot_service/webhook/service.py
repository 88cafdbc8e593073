"""Turning a webhook request into one, and only one, run of the dispatcher."""

from typing import Any

from aiogram.types import Update
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from redis.asyncio import Redis

from ..bot import BotRuntime


def parse_update(runtime: BotRuntime, payload: dict[str, Any]) -> Update:
    try:
        return Update.model_validate(payload, context={"bot": runtime.bot})
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc


async def process_update(runtime: BotRuntime, redis: Redis, update: Update, *, dedupe_ttl_seconds: int) -> bool:
    """Feed the update to the bot unless it was seen before; False for a duplicate."""
    # Telegram redelivers an update whose webhook call timed out; the id makes the retry a no-op.
    if not await redis.set(f"tg:update:{update.update_id}", "1", nx=True, ex=dedupe_ttl_seconds):
        return False
    await runtime.dispatcher.feed_update(runtime.bot, update)
    return True
