"""The parts of other services' events tg-bot-service reads (docs/events.md; the contract test
checks each field is one the publisher sends)."""

from __future__ import annotations

from typing import ClassVar

from studio_kit.messaging import ConsumedEvent

from ..notifications import schemas as notification_schemas


class TelegramRequested(ConsumedEvent, notification_schemas.TelegramRequested):
    """notifications-service asks the bot to send a message."""

    event_type: ClassVar[str] = "notification.telegram_requested"
