"""Rules of the audit trail: collect each `audit.recorded` once, list it for admins."""

from sqlalchemy.ext.asyncio import AsyncSession

from ..events.consumed import AuditRecorded
from . import repository
from .models import AuditRecord
from .repository import AuditFilter
from .schemas import Actor, AuditItem, Target


async def collect(session: AsyncSession, event: AuditRecorded, source: str) -> None:
    """Consumer of `audit.recorded`: append the entry (a second delivery is a no-op)."""
    await repository.append(
        session,
        {
            "id": event.id,
            "at": event.at,
            "actor_id": event.actor.id,
            "actor_role": event.actor.role,
            "action": event.action,
            "target_type": event.target.type,
            "target_id": event.target.id,
            "summary": dict(event.summary),
            "service": event.service or source,
        },
    )


def to_item(record: AuditRecord) -> AuditItem:
    return AuditItem(
        id=str(record.id),
        at=record.at,
        actor=Actor(id=record.actor_id, role=record.actor_role),
        action=record.action,
        target=Target(type=record.target_type, id=record.target_id),
        summary=record.summary,
        service=record.service,
    )


async def list_audit(session: AsyncSession, filters: AuditFilter, page: int, size: int) -> tuple[list[AuditItem], int]:
    records, total = await repository.list_records(session, filters, page, size)
    return [to_item(record) for record in records], total
