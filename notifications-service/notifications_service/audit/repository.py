"""SQL of the audit trail: append (idempotent by entry id) and the filtered, newest-first list."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AuditRecord


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    actor_id: str | None = None
    target_id: str | None = None
    action: str | None = None


async def append(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(AuditRecord).values(**values).on_conflict_do_nothing(index_elements=["id"]))


async def list_records(
    session: AsyncSession, filters: AuditFilter, page: int, size: int
) -> tuple[list[AuditRecord], int]:
    query = select(AuditRecord)
    if filters.since is not None:
        query = query.where(AuditRecord.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditRecord.at < filters.until)
    if filters.actor_id:
        query = query.where(AuditRecord.actor_id == filters.actor_id)
    if filters.target_id:
        query = query.where(AuditRecord.target_id == filters.target_id)
    if filters.action:
        query = query.where(AuditRecord.action == filters.action)
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(
        query.order_by(AuditRecord.at.desc(), AuditRecord.id.desc()).offset((page - 1) * size).limit(size)
    )
    return list(rows.scalars()), int(total)
