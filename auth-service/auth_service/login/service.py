"""Password login guarded by per-account and per-address failure counters, and request throttling."""

from __future__ import annotations

import hashlib
import math
import secrets

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..passwords import service as password_service
from ..sessions import service as session_service
from ..sessions.schemas import LoginResult
from ..sessions.service import ClientInfo, TokenIssuer
from ..users import repository as user_repository
from ..users.errors import AccountDisabled
from . import repository as limit_repository
from .errors import InvalidCredentials, LoginLocked, RateLimited


def _key(kind: str, value: str) -> str:
    # Hashed so Redis never holds email addresses in clear.
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _seconds(milliseconds: int) -> int:
    return max(1, math.ceil(milliseconds / 1000))


async def throttle(redis: aioredis.Redis, scope: str, subject: str, *, limit: int, window: int) -> None:
    """Allow `limit` requests per `window` seconds for this subject, then 429 until the window ends."""
    count, remaining_ms = await limit_repository.hit(redis, _key(scope, subject), window=window)
    if count > limit:
        raise RateLimited(retry_after=_seconds(remaining_ms))


async def first_in(redis: aioredis.Redis, subject: str, *, seconds: int) -> bool:
    """True for the first call per subject within `seconds` (one mail a minute, and the like)."""
    return await limit_repository.claim_once(redis, subject, seconds=seconds)


def account_key(email: str) -> str:
    return _key("login:account", email.lower())


async def lift_account_throttle(redis: aioredis.Redis, email: str) -> None:
    """A password reset proves the mailbox: whatever a stranger's guesses piled up is forgotten."""
    await limit_repository.clear_failures(redis, account_key(email))


async def login_with_password(
    session: AsyncSession,
    redis: aioredis.Redis,
    issuer: TokenIssuer,
    *,
    email: str,
    password: str,
    client: ClientInfo,
    device_token: str | None = None,
) -> LoginResult:
    """Check the password and open a session.

    Failures count against the client address and against the account, or, from a browser that
    logged in to this account before (`device_token`), against that device alone: a stranger's
    guesses slow down the stranger, never the owner at their own device. Past a few free
    failures each key waits a doubling delay (429 with Retry-After) before its next attempt."""
    settings = issuer.settings
    account = account_key(email)
    device = _key("login:device", device_token) if device_token else None
    known_device = device is not None and await limit_repository.device_account(redis, device) == account
    keys = [device if known_device and device else account]
    frees = [settings.login_max_failures]
    if client.ip_address:
        keys.append(_key("login:ip", client.ip_address))
        frees.append(settings.login_ip_max_failures)
    waiting_ms = max([await limit_repository.lock_remaining_ms(redis, key) for key in keys])
    if waiting_ms:
        raise LoginLocked(retry_after=_seconds(waiting_ms))

    user = await user_repository.get_user_by_email(session, email)
    valid, new_hash = await password_service.verify_password(password, user.password_hash if user else None)
    if valid and settings.environment != "dev" and password == password_service.DEMO_PASSWORD:
        # A demo account that leaked into a real studio must not open it.
        valid = False
    if user is None or not valid:
        delay_ms = 0
        for key, free in zip(keys, frees, strict=True):
            delay_ms = max(
                delay_ms,
                await limit_repository.record_failure(
                    redis,
                    key,
                    free=free,
                    window=settings.login_failure_window_seconds,
                    base_delay=settings.login_delay_base_seconds,
                    max_delay=settings.login_lockout_seconds,
                ),
            )
        if delay_ms:
            raise LoginLocked(retry_after=_seconds(delay_ms))
        raise InvalidCredentials()

    await limit_repository.clear_failures(redis, keys[0])
    if not user.is_active:
        raise AccountDisabled()
    if new_hash is not None:
        # A legacy bcrypt hash (or older argon2 parameters) is upgraded while we hold the password.
        user.password_hash = new_hash
    result = await session_service.start_session(session, issuer, user, method="password", client=client)
    # The browser's proof of an earlier login here: kept (and renewed) if it had one, else new.
    token = device_token if known_device and device_token else secrets.token_urlsafe(32)
    ttl = settings.login_device_ttl_days * 86400
    await limit_repository.remember_device(redis, _key("login:device", token), account, ttl=ttl)
    result.device_token = token
    return result
