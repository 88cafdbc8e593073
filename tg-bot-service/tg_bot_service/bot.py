"""The aiogram side of the service: the bot, the dispatcher with its Redis FSM, and their lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from aiogram.types import ErrorEvent, TelegramObject, User
from fastapi import FastAPI
from redis.asyncio import Redis

from studio_kit.errors import ServiceUnavailable
from studio_kit.loops import run_until_stopped

from .clients import Clients
from .config import Settings
from .context import BotContext
from .language.service import get_language
from .notifications.service import TelegramSender
from .routers import get_routers
from .texts import DEFAULT_LANGUAGE, t

logger = logging.getLogger("tg_bot_service.bot")
WEBHOOK_BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0)


@dataclass
class BotRuntime:
    bot: Bot
    dispatcher: Dispatcher
    storage: RedisStorage
    sender: TelegramSender


class LanguageMiddleware(BaseMiddleware):
    """Gives every handler the user's language as `lang`."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        data["lang"] = await get_language(self.redis, user.id) if user else DEFAULT_LANGUAGE
        return await handler(event, data)


async def _on_error(event: ErrorEvent, bot: Bot, lang: str = DEFAULT_LANGUAGE) -> None:
    """Tell the user something went wrong instead of leaving them waiting."""
    unavailable = isinstance(event.exception, ServiceUnavailable)
    if not unavailable:
        logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    else:
        logger.warning("update %s: a downstream is unavailable: %s", event.update.update_id, event.exception)
    update = event.update
    chat_id: int | None = None
    if update.message is not None:
        chat_id = update.message.chat.id
    elif update.callback_query is not None:
        with contextlib.suppress(Exception):
            await update.callback_query.answer()
        if update.callback_query.message is not None:
            chat_id = update.callback_query.message.chat.id
    if chat_id is not None:
        with contextlib.suppress(Exception):
            await bot.send_message(chat_id, t(lang, "unavailable" if unavailable else "error"))


def build_dispatcher(storage: RedisStorage, context: BotContext) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, events_isolation=RedisEventIsolation(redis=storage.redis))
    dispatcher["ctx"] = context
    dispatcher.update.outer_middleware(LanguageMiddleware(context.redis))
    dispatcher.errors.register(_on_error)
    dispatcher.include_routers(*get_routers())
    return dispatcher


def build_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token=settings.bot_token.get_secret_value(), session=session)


async def start_bot(app: FastAPI) -> None:
    """Start-up hook: build the bot, or run without one when no token is configured."""
    settings: Settings = app.state.settings
    app.state.bot_runtime = None
    if not settings.bot_enabled:
        logger.warning("BOT_TOKEN is not set: the bot is disabled and sends nothing")
        return
    if not settings.redis_url or app.state.redis is None:
        raise RuntimeError("tg-bot-service needs REDIS_URL for its FSM storage")
    storage = RedisStorage.from_url(
        settings.redis_url,
        state_ttl=settings.fsm_ttl_seconds,
        data_ttl=settings.fsm_ttl_seconds,
    )
    bot = build_bot(settings)
    context = BotContext(settings=settings, redis=app.state.redis, clients=Clients(app.state.clients), app=app)
    app.state.bot_runtime = BotRuntime(
        bot=bot,
        dispatcher=build_dispatcher(storage, context),
        storage=storage,
        sender=TelegramSender(
            bot,
            global_rate=settings.telegram_global_rate,
            chat_rate=settings.telegram_chat_rate,
            max_retries=settings.telegram_max_retries,
        ),
    )


async def stop_bot(app: FastAPI) -> None:
    """Shutdown hook: close the Telegram session and the FSM storage."""
    runtime: BotRuntime | None = getattr(app.state, "bot_runtime", None)
    if runtime is None:
        return
    await runtime.bot.session.close()
    await runtime.dispatcher.fsm.events_isolation.close()
    await runtime.storage.close()


async def register_webhook(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: point Telegram at our webhook when a public URL is configured."""
    settings: Settings = app.state.settings
    runtime: BotRuntime | None = app.state.bot_runtime
    if runtime is None or settings.bot_mode != "webhook" or not settings.public_url:
        return
    url = settings.public_url.rstrip("/") + "/tg/webhook"
    registered = False

    async def register() -> None:
        nonlocal registered
        if registered:
            return
        await runtime.bot.set_webhook(
            url=url,
            secret_token=settings.telegram_webhook_secret.get_secret_value(),
            allowed_updates=runtime.dispatcher.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        registered = True
        logger.info("webhook registered at %s", url)

    # Telegram unreachable: keep trying in the background, waiting longer each time.
    await run_until_stopped(
        register, stop, interval=60.0, name="webhook registration", first_run=True, backoff=WEBHOOK_BACKOFF
    )


async def run_polling(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: long-poll Telegram instead of receiving webhooks (local use)."""
    settings: Settings = app.state.settings
    runtime: BotRuntime | None = app.state.bot_runtime
    if runtime is None or settings.bot_mode != "polling":
        return
    # getUpdates is refused while a webhook is set.
    with contextlib.suppress(Exception):
        await runtime.bot.delete_webhook(drop_pending_updates=False)
    polling = asyncio.create_task(
        runtime.dispatcher.start_polling(runtime.bot, handle_signals=False, close_bot_session=False, polling_timeout=10)
    )
    try:
        await stop.wait()
    finally:
        with contextlib.suppress(RuntimeError):
            await runtime.dispatcher.stop_polling()
        polling.cancel()
        await asyncio.gather(polling, return_exceptions=True)
