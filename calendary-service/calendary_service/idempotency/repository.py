"""All SQL of idempotency records."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import IdempotencyRecord


async def lock_key(session: AsyncSession, principal: str, key: str) -> None:
    """Serialise requests with the same key until this transaction ends, so a retry racing the
    first attempt waits for its result instead of doing the work twice."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"{principal}\x1f{key}", 0))))


async def get_record(session: AsyncSession, principal: str, key: str) -> IdempotencyRecord | None:
    return await session.get(IdempotencyRecord, (principal, key))


async def add_record(
    session: AsyncSession, principal: str, key: str, request_hash: str, status_code: int, response: dict[str, Any]
) -> None:
    session.add(
        IdempotencyRecord(
            principal=principal,
            idempotency_key=key,
            request_hash=request_hash,
            status_code=status_code,
            response=response,
        )
    )
    await session.flush()


async def delete_older_than(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff).returning(IdempotencyRecord.principal)
    )
    return len(result.all())
