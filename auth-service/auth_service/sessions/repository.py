"""SQL for sessions and refresh tokens."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AuthSession, RefreshToken


async def add_session(session: AsyncSession, auth_session: AuthSession) -> AuthSession:
    session.add(auth_session)
    await session.flush()
    return auth_session


async def add_refresh_token(session: AsyncSession, *, session_id: uuid.UUID, token_hash: bytes) -> None:
    session.add(RefreshToken(session_id=session_id, token_hash=token_hash))
    await session.flush()


async def use_refresh_token(session: AsyncSession, token_hash: bytes) -> uuid.UUID | None:
    """Spend an unused token and return its session; a single UPDATE makes the first caller the only winner."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == token_hash, RefreshToken.used_at.is_(None))
        .values(used_at=datetime.now(UTC))
        .returning(RefreshToken.session_id)
    )
    return result.scalar_one_or_none()


async def get_refresh_token(session: AsyncSession, token_hash: bytes) -> RefreshToken | None:
    return (
        await session.execute(select(RefreshToken).where(RefreshToken.token_hash == token_hash))
    ).scalar_one_or_none()


async def get_session(session: AsyncSession, session_id: uuid.UUID, *, for_update: bool = False) -> AuthSession | None:
    statement = select(AuthSession).where(AuthSession.id == session_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def touch_session(session: AsyncSession, session_id: uuid.UUID) -> None:
    await session.execute(
        update(AuthSession).where(AuthSession.id == session_id).values(last_used_at=datetime.now(UTC))
    )


async def revoke_session(session: AsyncSession, session_id: uuid.UUID, reason: str) -> None:
    await session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC), revoked_reason=reason)
    )


async def revoke_user_sessions(
    session: AsyncSession, user_id: uuid.UUID, reason: str, *, keep: uuid.UUID | None = None
) -> int:
    statement = (
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC), revoked_reason=reason)
    )
    if keep is not None:
        statement = statement.where(AuthSession.id != keep)
    result = await session.execute(statement.returning(AuthSession.id))
    return len(result.all())


async def list_active_sessions(session: AsyncSession, user_id: uuid.UUID) -> Sequence[AuthSession]:
    return (
        (
            await session.execute(
                select(AuthSession)
                .where(
                    AuthSession.user_id == user_id,
                    AuthSession.revoked_at.is_(None),
                    AuthSession.expires_at > datetime.now(UTC),
                )
                .order_by(AuthSession.last_used_at.desc())
            )
        )
        .scalars()
        .all()
    )
