"""Rules of the audit trail: collect each `audit.recorded` once, list it for admins."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event

from . import repository
from .models import AuditRecord
from .repository import AuditFilter
from .schemas import Actor, AuditItem, Target


async def collect(session: AsyncSession, event: Event) -> None:
    """Consumer of `audit.recorded`: append the entry (a second delivery is a no-op)."""
    data: dict[str, Any] = event.data
    await repository.append(
        session,
        {
            "id": uuid.UUID(str(data["id"])),
            "at": datetime.fromisoformat(str(data["at"])),
            "actor_id": str(data["actor"]["id"]),
            "actor_role": str(data["actor"]["role"]),
            "action": str(data["action"]),
            "target_type": str(data["target"]["type"]),
            "target_id": str(data["target"]["id"]),
            "summary": dict(data.get("summary") or {}),
            "service": str(data.get("service") or event.source),
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
