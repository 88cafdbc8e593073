"""What this service consumes: event type → handler (run by events.consumer)."""

from collections.abc import Awaitable, Callable

from fastapi import FastAPI

from studio_kit.messaging import Event

from ..notifications.schemas import TelegramRequested
from ..notifications.service import deliver_notification

BotEventHandler = Callable[[FastAPI, Event], Awaitable[None]]


async def handle_telegram_requested(app: FastAPI, event: Event) -> None:
    """Send the message notifications-service asked for, once per notification id."""
    request = TelegramRequested.model_validate(event.data)
    runtime = app.state.bot_runtime
    await deliver_notification(
        app.state.redis,
        runtime.sender,
        request,
        dedupe_ttl_seconds=app.state.settings.notification_dedupe_ttl_seconds,
    )


HANDLERS: dict[str, BotEventHandler] = {
    "notification.telegram_requested": handle_telegram_requested,
}
