"""Sessions: start one per login, rotate its refresh token on every use, revoke it."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..database import outbox
from ..events.published import UserSessionsRevoked
from ..keys.service import KeyRing
from ..users import repository as user_repository
from ..users.models import User
from ..users.schemas import UserRead
from . import repository as session_repository
from .errors import InvalidRefreshToken, RefreshTokenReused, SessionEnded, SessionNotFound
from .models import AuthSession
from .schemas import LoginResult, SessionRead


@dataclass(frozen=True)
class ClientInfo:
    """Where a request comes from, as far as we can trust it."""

    ip_address: str | None
    user_agent: str | None


@dataclass(frozen=True)
class TokenIssuer:
    keyring: KeyRing
    settings: Settings

    @property
    def access_ttl(self) -> timedelta:
        """How long an access token lives."""
        return timedelta(minutes=self.settings.access_token_expire_minutes)

    def access_token(self, user: User, session_id: uuid.UUID) -> str:
        """A user's access token, tied to their session by `sid`."""
        claims = {
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "sub": str(user.id),
            "role": user.role,
            "sid": str(session_id),
            "jti": uuid.uuid4().hex,
        }
        return self.keyring.sign(claims, ttl=self.access_ttl)

    def service_token(self, client_id: str, scopes: Sequence[str]) -> str:
        """A service principal's token carrying its granted scopes."""
        claims = {
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "sub": f"service:{client_id}",
            "role": "service",
            "scope": " ".join(sorted(scopes)),
            "jti": uuid.uuid4().hex,
        }
        return self.keyring.sign(claims, ttl=self.access_ttl)


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def _issue_pair(session: AsyncSession, issuer: TokenIssuer, user: User, session_id: uuid.UUID) -> LoginResult:
    refresh_token = secrets.token_urlsafe(32)
    await session_repository.add_refresh_token(session, session_id=session_id, token_hash=_hash(refresh_token))
    return LoginResult(
        access_token=issuer.access_token(user, session_id),
        refresh_token=refresh_token,
        expires_in=int(issuer.access_ttl.total_seconds()),
        user=UserRead.model_validate(user),
    )


async def start_session(
    session: AsyncSession, issuer: TokenIssuer, user: User, *, method: str, client: ClientInfo
) -> LoginResult:
    """Open a new session (a new refresh-token family) for a user who just proved who they are."""
    now = datetime.now(UTC)
    auth_session = await session_repository.add_session(
        session,
        AuthSession(
            user_id=user.id,
            method=method,
            expires_at=now + timedelta(days=issuer.settings.refresh_token_expire_days),
            user_agent=(client.user_agent or "")[:300] or None,
            ip_address=client.ip_address,
        ),
    )
    user.last_login_at = now
    return await _issue_pair(session, issuer, user, auth_session.id)


async def refresh_session(session: AsyncSession, issuer: TokenIssuer, refresh_token: str) -> LoginResult:
    """Swap a refresh token for a new pair. A token presented twice means it leaked: the whole
    family is revoked (the caller must commit that before answering 401)."""
    token_hash = _hash(refresh_token)
    session_id = await session_repository.use_refresh_token(session, token_hash)
    if session_id is None:
        known = await session_repository.get_refresh_token(session, token_hash)
        if known is None:
            raise InvalidRefreshToken()
        await session_repository.revoke_session(session, known.session_id, "refresh_reuse")
        raise RefreshTokenReused()
    auth_session = await session_repository.get_session(session, session_id, for_update=True)
    if auth_session is None or auth_session.revoked_at is not None or auth_session.expires_at <= datetime.now(UTC):
        raise SessionEnded()
    user = await user_repository.get_user(session, auth_session.user_id)
    if user is None or not user.is_active:
        raise SessionEnded()
    await session_repository.touch_session(session, session_id)
    return await _issue_pair(session, issuer, user, session_id)


async def logout(session: AsyncSession, refresh_token: str) -> None:
    """End the session the token belongs to; unknown tokens are ignored (logout is idempotent)."""
    known = await session_repository.get_refresh_token(session, _hash(refresh_token))
    if known is not None:
        await session_repository.revoke_session(session, known.session_id, "logout")


async def get_live_user(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID | None) -> User:
    """The user behind an access token, provided its session is still open and the account active."""
    auth_session = await session_repository.get_session(session, session_id) if session_id else None
    if (
        auth_session is None
        or auth_session.user_id != user_id
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= datetime.now(UTC)
    ):
        raise SessionEnded()
    user = await user_repository.get_user(session, user_id)
    if user is None or not user.is_active:
        raise SessionEnded()
    return user


async def list_sessions(session: AsyncSession, user_id: uuid.UUID, current: uuid.UUID | None) -> list[SessionRead]:
    """The user's open sessions, most recently used first."""
    return [
        SessionRead(
            id=item.id,
            method=item.method,
            created_at=item.created_at,
            last_used_at=item.last_used_at,
            expires_at=item.expires_at,
            user_agent=item.user_agent,
            ip_address=str(item.ip_address) if item.ip_address is not None else None,
            current=item.id == current,
        )
        for item in await session_repository.list_active_sessions(session, user_id)
    ]


async def revoke_own_session(session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
    """Revoke one of the user's own sessions (another user's looks like a missing one)."""
    auth_session = await session_repository.get_session(session, session_id)
    if auth_session is None or auth_session.user_id != user_id:
        raise SessionNotFound()
    await session_repository.revoke_session(session, session_id, "user_revoked")


async def revoke_all_sessions(
    session: AsyncSession, user_id: uuid.UUID, reason: str, *, keep: uuid.UUID | None = None
) -> int:
    """End every session of a user at once (deactivation, password reset, "log out everywhere").

    The event lets the BFF drop its cookie sessions at once: their access tokens would otherwise
    keep working for up to 15 minutes (ADR 0220)."""
    revoked = await session_repository.revoke_user_sessions(session, user_id, reason, keep=keep)
    await outbox.add(session, UserSessionsRevoked(user_id=user_id, reason=reason, kept_session_id=keep))
    return revoked
