"""Server-side sessions in Redis, and the transparent refresh of the access token."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import jwt
import redis.asyncio as aioredis

from studio_kit.errors import ServiceUnavailable
from studio_kit.http import ServiceClient

from .errors import NotLoggedIn

KEY_PREFIX = "bff:session:"
USER_INDEX_PREFIX = "bff:user-sessions:"
REFRESH_MARGIN_SECONDS = 30


@dataclass
class Session:
    id: str
    user: dict[str, Any]
    access_token: str
    refresh_token: str
    access_expires_at: float
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def user_id(self) -> str:
        return str(self.user["id"])

    @property
    def role(self) -> str:
        return str(self.user["role"])


def public_user(user: dict[str, Any]) -> dict[str, Any]:
    """The user as auth-service describes it, minus anything the browser has no use for."""
    return {
        "id": str(user["id"]),
        "email": user.get("email") or "",
        "role": user["role"],
        "first_name": user.get("first_name") or "",
        "last_name": user.get("last_name") or "",
        "email_verified": bool(user.get("email_verified")),
        "telegram_linked": user.get("telegram_id") is not None,
        "language": user.get("language") or "ru",
        "timezone": user.get("timezone"),
        "password_change_required": bool(user.get("password_change_required")),
    }


def _key(session_id: str) -> str:
    return KEY_PREFIX + session_id


async def create_session(redis: aioredis.Redis, tokens: dict[str, Any], ttl: int) -> Session:
    """Store the tokens auth-service issued under a new random session id."""
    session = Session(
        id=secrets.token_urlsafe(32),
        user=tokens["user"],
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        access_expires_at=time.time() + float(tokens.get("expires_in", 900)),
    )
    await save_session(redis, session, ttl)
    await redis.sadd(USER_INDEX_PREFIX + session.user_id, session.id)
    await redis.expire(USER_INDEX_PREFIX + session.user_id, ttl)
    return session


async def save_session(redis: aioredis.Redis, session: Session, ttl: int) -> None:
    await redis.set(_key(session.id), json.dumps(asdict(session)), ex=ttl)


async def load_session(redis: aioredis.Redis, session_id: str | None) -> Session | None:
    if not session_id or len(session_id) > 128:
        return None
    raw = await redis.get(_key(session_id))
    if raw is None:
        return None
    return Session(**json.loads(raw))


async def delete_session(redis: aioredis.Redis, session: Session) -> None:
    await redis.delete(_key(session.id))
    await redis.srem(USER_INDEX_PREFIX + session.user_id, session.id)


async def refresh_session(
    redis: aioredis.Redis, auth: ServiceClient, session: Session, ttl: int, *, force: bool = False
) -> Session:
    """Swap the refresh token for a new pair. A Redis lock keeps two concurrent requests (or two
    BFF replicas) from both using the same refresh token, which auth-service would treat as reuse
    and answer by revoking the whole session family."""
    async with redis.lock(f"bff:refresh-lock:{session.id}", timeout=15, blocking_timeout=15):
        current = await load_session(redis, session.id)
        if current is None:
            raise NotLoggedIn("Your session has ended. Please log in again.")
        if not force and current.access_expires_at - time.time() > REFRESH_MARGIN_SECONDS:
            return current  # another request refreshed it while we waited
        if force and current.access_token != session.access_token:
            return current
        response = await auth.post("/auth/refresh", json={"refresh_token": current.refresh_token}, timeout=10.0)
        if response.status_code in (400, 401, 403):
            await delete_session(redis, current)
            raise NotLoggedIn("Your session has ended. Please log in again.")
        if response.status_code >= 400:
            raise ServiceUnavailable("Cannot refresh the session right now.", service="auth")
        tokens = response.json()
        current.access_token = tokens["access_token"]
        current.refresh_token = tokens["refresh_token"]
        current.access_expires_at = time.time() + float(tokens.get("expires_in", 900))
        if "user" in tokens:
            current.user = tokens["user"]
        await save_session(redis, current, ttl)
        return current


def auth_session_id(session: Session) -> str | None:
    """auth-service's session (refresh-token family) behind ours: the `sid` of our own access token.
    The token came straight from auth-service and is only read here, never trusted for access."""
    try:
        claims = jwt.decode(session.access_token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    sid = claims.get("sid")
    return str(sid) if sid else None


async def delete_user_sessions(
    redis: aioredis.Redis, user_id: str, *, keep_auth_session: str | None = None, keep_session: str | None = None
) -> int:
    """Forget every session of a user (deactivated, password changed or reset, role changed, "log
    out everywhere"), except the one on auth-service's `keep_auth_session` or with our id `keep_session`."""
    index = USER_INDEX_PREFIX + user_id
    session_ids = [str(session_id) for session_id in await redis.smembers(index)]
    doomed = []
    for session_id in session_ids:
        if session_id == keep_session:
            continue
        if keep_auth_session is not None:
            stored = await load_session(redis, session_id)
            if stored is not None and auth_session_id(stored) == keep_auth_session:
                continue
        doomed.append(session_id)
    if doomed:
        await redis.delete(*(_key(session_id) for session_id in doomed))
        await redis.srem(index, *doomed)
    return len(doomed)
