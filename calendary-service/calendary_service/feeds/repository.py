"""All SQL of feed tokens."""

import uuid

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import FeedToken


async def revoke_tokens(session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> None:
    await session.execute(
        update(FeedToken)
        .where(FeedToken.owner_kind == owner_kind, FeedToken.owner_id == owner_id, FeedToken.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )


async def add_token(
    session: AsyncSession, owner_kind: str, owner_id: uuid.UUID, token_hash: str, token: str | None = None
) -> None:
    session.add(FeedToken(owner_kind=owner_kind, owner_id=owner_id, token_hash=token_hash, token=token))
    await session.flush()


async def lock_owner(session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> None:
    """Serialise the owner's token changes until the transaction ends (two first visits issue one link)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"feed:{owner_kind}:{owner_id}"}
    )


async def get_owner_token(session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> FeedToken | None:
    return await session.scalar(
        select(FeedToken).where(
            FeedToken.owner_kind == owner_kind, FeedToken.owner_id == owner_id, FeedToken.revoked_at.is_(None)
        )
    )


async def get_active_token(session: AsyncSession, token_hash: str) -> FeedToken | None:
    return await session.scalar(
        select(FeedToken).where(FeedToken.token_hash == token_hash, FeedToken.revoked_at.is_(None))
    )
