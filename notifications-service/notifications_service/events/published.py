"""Events notifications-service publishes, fields exactly as docs/events.md lists them (the contract
test compares them). Write one with `outbox.add(session, TelegramRequested(...))`."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer

from studio_kit.messaging import PublishedEvent


class TelegramButton(BaseModel):
    """An inline button: a link (`url`) or a callback the bot answers (`callback_data`)."""

    text: str
    url: str | None = None
    callback_data: str | None = None

    @model_serializer(mode="wrap")
    def _without_the_other_action(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A button has one action: the bot's Telegram API refuses `url: null` beside a callback.
        return {key: value for key, value in handler(self).items() if value is not None}


class TelegramRequested(PublishedEvent):
    """tg-bot-service is asked to send this message (notifications-service never calls Telegram)."""

    event_type: ClassVar[str] = "notification.telegram_requested"
    subject_field: ClassVar[str | None] = "notification_id"

    notification_id: uuid.UUID
    chat_id: int
    text: str
    parse_mode: str
    buttons: list[list[TelegramButton]]
