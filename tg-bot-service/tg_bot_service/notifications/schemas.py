"""The part of `notification.telegram_requested` the bot reads (notifications-service owns it)."""

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore")


class NotificationButton(_Read):
    text: str = Field(min_length=1, max_length=64)
    url: str | None = None
    callback_data: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _one_action(self) -> "NotificationButton":
        if (self.url is None) == (self.callback_data is None):
            raise ValueError("a button needs exactly one of url and callback_data")
        return self


class TelegramRequested(_Read):
    notification_id: uuid.UUID
    chat_id: int
    text: str = Field(min_length=1, max_length=4096)
    parse_mode: Literal["HTML", "MarkdownV2", "Markdown"] | None = None
    buttons: list[list[NotificationButton]] | None = None
