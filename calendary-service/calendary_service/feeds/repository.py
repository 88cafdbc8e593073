"""All SQL of feed tokens."""

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import FeedToken


async def revoke_tokens(session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> None:
    await session.execute(
        update(FeedToken)
        .where(FeedToken.owner_kind == owner_kind, FeedToken.owner_id == owner_id, FeedToken.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )


async def add_token(session: AsyncSession, owner_kind: str, owner_id: uuid.UUID, token_hash: str) -> None:
    session.add(FeedToken(owner_kind=owner_kind, owner_id=owner_id, token_hash=token_hash))
    await session.flush()


async def get_active_token(session: AsyncSession, token_hash: str) -> FeedToken | None:
    return await session.scalar(
        select(FeedToken).where(FeedToken.token_hash == token_hash, FeedToken.revoked_at.is_(None))
    )
