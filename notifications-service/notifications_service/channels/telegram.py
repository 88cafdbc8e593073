"""Telegram: notifications-service never talks to the Bot API; it asks tg-bot-service to send the
message by publishing `notification.telegram_requested` through the outbox."""

from __future__ import annotations

from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox
from ..events.published import TelegramRequested
from .base import OutgoingMessage

TELEGRAM_TEXT_LIMIT = 4096


def telegram_text(subject: str, text: str) -> str:
    # Escaped for parse_mode=HTML, so names and reasons typed by people cannot inject markup.
    body = f"<b>{escape(subject)}</b>\n\n{escape(text)}"
    return body if len(body) <= TELEGRAM_TEXT_LIMIT else body[: TELEGRAM_TEXT_LIMIT - 1] + "…"


async def request_telegram_message(session: AsyncSession, message: OutgoingMessage) -> None:
    await outbox.add(
        session,
        TelegramRequested(
            notification_id=message.notification_id,
            chat_id=int(message.address),
            text=telegram_text(message.subject, message.text),
            parse_mode="HTML",
            buttons=message.payload.get("buttons", []),
        ),
    )
