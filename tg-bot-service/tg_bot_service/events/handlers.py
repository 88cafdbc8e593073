"""Handlers of other services' events, one per model in consumed.py, run by the kit's consumer in
its database-less mode: the bot has no inbox table, so each handler is idempotent on a business key
in Redis instead (one message per notification id)."""

from studio_kit.messaging import EventContext, EventHandlers

from ..config import Settings
from ..notifications.service import deliver_notification
from .consumed import TelegramRequested

HANDLERS: EventHandlers[Settings] = EventHandlers()


@HANDLERS.on(TelegramRequested)
async def handle_telegram_requested(event: TelegramRequested, context: EventContext[Settings]) -> None:
    """Send the message notifications-service asked for, once per notification id. A refusal for
    good (`Undeliverable`, a kit `PermanentFailure`) goes to the dead-letter queue at once."""
    runtime = context.state.bot_runtime
    await deliver_notification(
        context.state.redis,
        runtime.sender,
        event,
        dedupe_ttl_seconds=context.settings.notification_dedupe_ttl_seconds,
    )
