"""Password login guarded by per-account and per-address failure counters, and request throttling."""

from __future__ import annotations

import hashlib
import math

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


async def login_with_password(
    session: AsyncSession,
    redis: aioredis.Redis,
    issuer: TokenIssuer,
    *,
    email: str,
    password: str,
    client: ClientInfo,
) -> LoginResult:
    """Check the password and open a session. Failures count against the account and the client
    address; reaching a limit locks that key for a while (429 with Retry-After)."""
    settings = issuer.settings
    keys = [_key("login:account", email.lower())]
    if client.ip_address:
        keys.append(_key("login:ip", client.ip_address))
    locked_ms = max([await limit_repository.lock_remaining_ms(redis, key) for key in keys])
    if locked_ms:
        raise LoginLocked(retry_after=_seconds(locked_ms))

    user = await user_repository.get_user_by_email(session, email)
    valid, new_hash = await password_service.verify_password(password, user.password_hash if user else None)
    if valid and settings.environment != "dev" and password == password_service.DEMO_PASSWORD:
        # A demo account that leaked into a real studio must not open it.
        valid = False
    if user is None or not valid:
        limits = [settings.login_max_failures, settings.login_ip_max_failures]
        new_lock_ms = 0
        for key, limit in zip(keys, limits, strict=False):
            new_lock_ms = max(
                new_lock_ms,
                await limit_repository.record_failure(
                    redis,
                    key,
                    limit=limit,
                    window=settings.login_failure_window_seconds,
                    lockout=settings.login_lockout_seconds,
                ),
            )
        if new_lock_ms:
            raise LoginLocked(retry_after=_seconds(new_lock_ms))
        raise InvalidCredentials()

    await limit_repository.clear_failures(redis, keys[0])
    if not user.is_active:
        raise AccountDisabled()
    if new_hash is not None:
        # A legacy bcrypt hash (or older argon2 parameters) is upgraded while we hold the password.
        user.password_hash = new_hash
    return await session_service.start_session(session, issuer, user, method="password", client=client)
