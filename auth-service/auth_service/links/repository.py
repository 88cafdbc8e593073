"""SQL for one-time tokens."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import OneTimeToken


async def create_token(
    session: AsyncSession, *, user_id: uuid.UUID, purpose: str, token_hash: bytes, expires_at: datetime
) -> OneTimeToken:
    token = OneTimeToken(user_id=user_id, purpose=purpose, token_hash=token_hash, expires_at=expires_at)
    session.add(token)
    await session.flush()
    return token


async def consume_token(session: AsyncSession, *, purpose: str, token_hash: bytes) -> uuid.UUID | None:
    """Mark a live token used and return its user; one UPDATE, so two racing requests cannot both win."""
    now = datetime.now(UTC)
    result = await session.execute(
        update(OneTimeToken)
        .where(
            OneTimeToken.token_hash == token_hash,
            OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None),
            OneTimeToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(OneTimeToken.user_id)
    )
    return result.scalar_one_or_none()


async def invalidate_tokens(session: AsyncSession, *, user_id: uuid.UUID, purpose: str) -> None:
    """Retire every outstanding token of this purpose (a newer link supersedes older ones)."""
    await session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.user_id == user_id, OneTimeToken.purpose == purpose, OneTimeToken.used_at.is_(None))
        .values(used_at=datetime.now(UTC))
    )


async def find_token(session: AsyncSession, *, purpose: str, token_hash: bytes) -> OneTimeToken | None:
    return (
        await session.execute(
            select(OneTimeToken).where(OneTimeToken.token_hash == token_hash, OneTimeToken.purpose == purpose)
        )
    ).scalar_one_or_none()


async def latest_tokens(
    session: AsyncSession, *, user_ids: list[uuid.UUID], purpose: str
) -> dict[uuid.UUID, OneTimeToken]:
    """The newest token of this purpose per user (older ones are superseded)."""
    rows = await session.execute(
        select(OneTimeToken)
        .where(OneTimeToken.user_id.in_(user_ids), OneTimeToken.purpose == purpose)
        .order_by(OneTimeToken.created_at)
    )
    # Oldest first, so the newest of each user overwrites the older ones.
    return {token.user_id: token for token in rows.scalars()}
