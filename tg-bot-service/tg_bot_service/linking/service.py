"""Binding a Telegram chat to a platform account with a one-time token from the web app."""

import re

from studio_kit.errors import ServiceUnavailable

from ..clients import Clients, DownstreamError, LinkedAccount
from .errors import LinkTokenInvalid, TelegramAlreadyLinked

# Telegram lets a deep-link payload carry up to 64 characters of A-Z, a-z, 0-9, _ and -.
LINK_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


async def link_chat(clients: Clients, token: str, *, telegram_id: int, chat_id: int) -> LinkedAccount:
    """Ask auth-service to bind this chat to the account that issued the token."""
    if not LINK_TOKEN.fullmatch(token):
        raise LinkTokenInvalid()
    if clients.auth is None:
        raise ServiceUnavailable("auth-service is not configured")
    try:
        return await clients.auth.link_telegram(token, telegram_id, chat_id)
    except DownstreamError as exc:
        if exc.status == 409:
            raise TelegramAlreadyLinked() from exc
        if exc.status in (400, 403, 404, 410, 422):
            raise LinkTokenInvalid() from exc
        raise
