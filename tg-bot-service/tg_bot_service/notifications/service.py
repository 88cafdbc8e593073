"""Sending the messages notifications-service asks for, within Telegram's limits."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiolimiter import AsyncLimiter
from redis.asyncio import Redis

from .errors import DeliveryFailed, Undeliverable
from .schemas import TelegramRequested

logger = logging.getLogger("tg_bot_service.notifications")

# Chats seen recently keep their own limiter; older ones are forgotten (their bucket is empty anyway).
MAX_TRACKED_CHATS = 10_000


class TelegramSender:
    """Sends messages at most `global_rate` a second overall and `chat_rate` a second per chat,
    waiting out Telegram's `retry_after` whenever it answers 429."""

    def __init__(self, bot: Bot, *, global_rate: float, chat_rate: float, max_retries: int) -> None:
        self.bot = bot
        self.chat_rate = chat_rate
        self.max_retries = max_retries
        self._global = AsyncLimiter(global_rate, 1.0)
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(self.chat_rate, 1.0)
        self._chats[chat_id] = limiter
        while len(self._chats) > MAX_TRACKED_CHATS:
            self._chats.popitem(last=False)
        return limiter

    async def send_message(
        self,
        chat_id: int,
        text: str,
        *,
        parse_mode: str | None = None,
        reply_markup: InlineKeyboardMarkup | None = None,
    ) -> Message:
        """Send one message, retrying throttling and transient failures."""
        chat_limiter = self._chat_limiter(chat_id)
        attempt = 0
        while True:
            async with chat_limiter, self._global:
                try:
                    return await self.bot.send_message(chat_id, text, parse_mode=parse_mode, reply_markup=reply_markup)
                except TelegramRetryAfter as exc:
                    wait: float = exc.retry_after
                    failure: Exception = exc
                except (TelegramNetworkError, TelegramServerError) as exc:
                    wait = min(2.0**attempt, 30.0)
                    failure = exc
                except (TelegramForbiddenError, TelegramNotFound, TelegramBadRequest) as exc:
                    raise Undeliverable(exc.message, chat_id=chat_id) from exc
            attempt += 1
            if attempt > self.max_retries:
                raise DeliveryFailed(str(failure)) from failure
            logger.warning("telegram send to %s failed (%s), retrying in %ss", chat_id, failure, wait)
            await asyncio.sleep(wait)


def build_keyboard(request: TelegramRequested) -> InlineKeyboardMarkup | None:
    if not request.buttons:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=b.text, url=b.url, callback_data=b.callback_data) for b in row]
            for row in request.buttons
            if row
        ]
    )


def _dedupe_key(request: TelegramRequested) -> str:
    return f"tg:notification:{request.notification_id}"


async def deliver_notification(
    redis: Redis, sender: TelegramSender, request: TelegramRequested, *, dedupe_ttl_seconds: int
) -> bool:
    """Send the requested message once per notification id; False when it was already sent."""
    key = _dedupe_key(request)
    if not await redis.set(key, "1", nx=True, ex=dedupe_ttl_seconds):
        return False
    try:
        await sender.send_message(
            request.chat_id,
            request.text,
            parse_mode=request.parse_mode,
            reply_markup=build_keyboard(request),
        )
    except DeliveryFailed:
        # Not sent: let a redelivery of the same notification try again.
        await redis.delete(key)
        raise
    return True
