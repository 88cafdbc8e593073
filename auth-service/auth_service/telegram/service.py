"""Verify Telegram-signed data (HMAC-SHA256 keyed by the bot token) and log in or link accounts."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..database import outbox
from ..events.published import UserTelegramLinked
from ..links import service as link_service
from ..links.errors import LinkInvalid
from ..sessions import service as session_service
from ..sessions.schemas import LoginResult
from ..sessions.service import ClientInfo, TokenIssuer
from ..users import repository as user_repository
from ..users.errors import AccountDisabled
from ..users.models import User
from .errors import (
    TelegramAlreadyLinked,
    TelegramAuthInvalid,
    TelegramAuthReplayed,
    TelegramNotConfigured,
    TelegramNotLinked,
    TelegramStaffLoginDisabled,
)
from .schemas import LinkResult, LinkTokenRead

# Telegram's clock and ours may differ a little; data from further in the future is refused.
CLOCK_SKEW_SECONDS = 60


def _bot_token(settings: Settings) -> str:
    token = settings.telegram_bot_token.get_secret_value()
    if not token:
        raise TelegramNotConfigured()
    return token


def _data_check_string(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields))


def _same_digest(expected: str, received: str) -> bool:
    # Bytes, not str: compare_digest refuses non-ASCII text, and a forged hash may contain some.
    return hmac.compare_digest(expected.encode(), received.encode())


def _check_fresh(auth_date: str | None, max_age: int) -> None:
    if auth_date is None or not auth_date.isdigit():
        raise TelegramAuthInvalid("auth_date is missing.")
    signed_at = int(auth_date)
    now = time.time()
    if signed_at > now + CLOCK_SKEW_SECONDS:
        raise TelegramAuthInvalid("auth_date is in the future.")
    if now - signed_at > max_age:
        raise TelegramAuthInvalid("The Telegram data is too old; open the app again.")


def verify_init_data(init_data: str, bot_token: str, *, max_age: int) -> dict[str, Any]:
    """Mini App initData: secret = HMAC("WebAppData", bot token); returns the `user` object."""
    try:
        fields = dict(parse_qsl(init_data, keep_blank_values=True, strict_parsing=True))
    except ValueError as exc:
        raise TelegramAuthInvalid("initData is malformed.") from exc
    received = fields.pop("hash", "")
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    expected = hmac.new(secret, _data_check_string(fields).encode(), hashlib.sha256).hexdigest()
    if not received or not _same_digest(expected, received):
        raise TelegramAuthInvalid("initData signature does not match.")
    _check_fresh(fields.get("auth_date"), max_age)
    try:
        user = json.loads(fields["user"])
        int(user["id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise TelegramAuthInvalid("initData carries no user.") from exc
    return dict(user)


def verify_login_widget(data: Mapping[str, Any], bot_token: str, *, max_age: int) -> int:
    """Login Widget data: secret = SHA-256(bot token); returns the Telegram user id."""
    fields = {key: str(value) for key, value in data.items() if value is not None and key != "hash"}
    received = str(data.get("hash", ""))
    secret = hashlib.sha256(bot_token.encode()).digest()
    expected = hmac.new(secret, _data_check_string(fields).encode(), hashlib.sha256).hexdigest()
    if not received or not _same_digest(expected, received):
        raise TelegramAuthInvalid("Login data signature does not match.")
    _check_fresh(fields.get("auth_date"), max_age)
    return int(fields["id"])


async def _linked_user(session: AsyncSession, settings: Settings, telegram_id: int) -> User:
    user = await user_repository.get_user_by_telegram_id(session, telegram_id)
    if user is None:
        raise TelegramNotLinked()
    if not user.is_active:
        raise AccountDisabled()
    if user.role in ("admin", "teacher") and not settings.telegram_staff_login:
        # The bot token verifies this data; whoever holds it could otherwise open a staff account.
        raise TelegramStaffLoginDisabled()
    return user


async def _spend(redis: aioredis.Redis, signature: str, max_age: int) -> None:
    """Each signed login data opens one session: a copy (a log, a proxy, a shoulder) is refused."""
    key = "auth:telegram-used:" + hashlib.sha256(signature.encode()).hexdigest()
    if not await redis.set(key, "1", nx=True, ex=max_age + CLOCK_SKEW_SECONDS):
        raise TelegramAuthReplayed()


async def login_with_miniapp(
    session: AsyncSession, redis: aioredis.Redis, issuer: TokenIssuer, *, init_data: str, client: ClientInfo
) -> LoginResult:
    """Log in the account linked to the Telegram user who opened the Mini App."""
    settings = issuer.settings
    max_age = settings.telegram_miniapp_max_age_seconds
    telegram_user = verify_init_data(init_data, _bot_token(settings), max_age=max_age)
    user = await _linked_user(session, settings, int(telegram_user["id"]))
    await _spend(redis, init_data, max_age)
    return await session_service.start_session(session, issuer, user, method="telegram_miniapp", client=client)


async def login_with_widget(
    session: AsyncSession, redis: aioredis.Redis, issuer: TokenIssuer, *, data: Mapping[str, Any], client: ClientInfo
) -> LoginResult:
    """Log in the account linked to the Telegram user the Login Widget vouches for."""
    settings = issuer.settings
    max_age = settings.telegram_auth_max_age_seconds
    telegram_id = verify_login_widget(data, _bot_token(settings), max_age=max_age)
    user = await _linked_user(session, settings, telegram_id)
    await _spend(redis, str(data.get("hash", "")), max_age)
    return await session_service.start_session(session, issuer, user, method="telegram_login", client=client)


async def create_link_token(session: AsyncSession, settings: Settings, user: User) -> LinkTokenRead:
    """A one-time token the bot redeems on `/start <token>` to bind the chat to this account."""
    link = await link_service.issue_link(
        session, user_id=user.id, purpose="telegram_link", ttl=timedelta(minutes=settings.telegram_link_ttl_minutes)
    )
    username = settings.telegram_bot_username.lstrip("@")
    deep_link = f"https://t.me/{username}?start={link.token}" if username else None
    return LinkTokenRead(token=link.token, deep_link=deep_link, expires_at=link.expires_at)


async def link_account(session: AsyncSession, *, token: str, telegram_id: int, chat_id: int) -> LinkResult:
    """Bind a Telegram account to the user who asked for the token (`user.telegram_linked`).
    The bot may retry: the same token and Telegram id give the same answer without a new event."""
    try:
        user_id = await link_service.consume_link(session, purpose="telegram_link", token=token)
    except LinkInvalid:
        owner = await link_service.find_spent_link_owner(session, purpose="telegram_link", token=token)
        user = await user_repository.get_user(session, owner) if owner else None
        if user is not None and user.telegram_id == telegram_id:
            return LinkResult(user_id=user.id, role=user.role, first_name=user.first_name)
        raise
    user = await user_repository.get_user(session, user_id, for_update=True)
    if user is None:
        raise LinkInvalid()
    if not user.is_active:
        raise AccountDisabled()
    holder = await user_repository.get_user_by_telegram_id(session, telegram_id)
    if holder is not None and holder.id != user.id:
        raise TelegramAlreadyLinked()
    try:
        await user_repository.save_telegram_link(session, user, telegram_id=telegram_id, chat_id=chat_id)
    except user_repository.DuplicateUser as exc:
        raise TelegramAlreadyLinked() from exc
    await outbox.add(
        session, UserTelegramLinked(user_id=user.id, telegram_id=telegram_id, chat_id=chat_id, role=user.role)
    )
    return LinkResult(user_id=user.id, role=user.role, first_name=user.first_name)
