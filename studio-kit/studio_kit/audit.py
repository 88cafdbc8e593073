"""The audit trail: every staff write recorded once, append-only, by the service that owns it.

A service adds the table to its metadata (`audit_entry_table(Base.metadata)`, plus one migration
that creates it: `create_audit_entry_table()`), builds one `Audit` beside its `Outbox`, and calls
`record` in the write's own transaction:

    await audit.record(session, user, "payment.recorded", ("student", student_id),
                       {"amount_minor": 350000, "currency": "RUB", "method": "cash"})

`record` writes an `audit_entry` row and an `audit.recorded` event into the outbox, in the caller's
transaction: a rolled-back write leaves neither, a committed one both. notifications-service
gathers the events into the searchable trail that `GET /api/admin/audit` reads (ADR 0120).
Only staff writes are recorded (admin and teacher users); a service or student caller is skipped.
Actions are past-tense `<thing>.<verb>` names; the summary says what changed, never a secret.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel
from sqlalchemy import Column, DateTime, Index, MetaData, String, Table, Uuid, insert
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from .auth import Principal
from .messaging import Outbox, PublishedEvent

AUDIT_EVENT = "audit.recorded"
STAFF_ROLES = frozenset({"admin", "teacher"})
SUMMARY_MAX_KEYS = 30


class AuditActor(BaseModel):
    id: str
    role: str


class AuditTarget(BaseModel):
    type: str
    id: str


class AuditRecorded(PublishedEvent):
    """The `audit.recorded` event (docs/events.md): one staff write, as its owning service recorded it."""

    event_type: ClassVar[str] = AUDIT_EVENT

    id: uuid.UUID
    at: datetime
    actor: AuditActor
    action: str
    target: AuditTarget
    summary: dict[str, Any]
    service: str


def audit_entry_table(metadata: MetaData) -> Table:
    return Table(
        "audit_entry",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor_id", String(64), nullable=False),
        Column("actor_role", String(20), nullable=False),
        Column("action", String(100), nullable=False),
        Column("target_type", String(50), nullable=False),
        Column("target_id", String(64), nullable=False),
        Column("summary", JSONB, nullable=False),
        Index("ix_audit_entry_at", "at"),
    )


def create_audit_entry_table() -> None:
    """For a service's migration: the table `audit_entry_table` describes."""
    import sqlalchemy as sa
    from alembic import op

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("target_type", sa.String(50), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("summary", JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])


@dataclass(frozen=True)
class AuditEntry:
    row: dict[str, Any]
    event: AuditRecorded
    subject: str


class Audit:
    """Writes audit entries (and their event) into the caller's transaction."""

    def __init__(self, table: Table, outbox: Outbox) -> None:
        self.table = table
        self.outbox = outbox

    async def record(
        self,
        session: AsyncSession,
        actor: Principal,
        action: str,
        target: tuple[str, Any],
        summary: dict[str, Any],
    ) -> uuid.UUID | None:
        """Record one staff write; returns the entry's id, or None for a non-staff caller."""
        entry = self.entry(actor, action, target, summary)
        if entry is None:
            return None
        await session.execute(insert(self.table).values(**entry.row))
        await self.outbox.add(session, entry.event, subject=entry.subject)
        return entry.event.id

    def entry(
        self, actor: Principal, action: str, target: tuple[str, Any], summary: dict[str, Any]
    ) -> AuditEntry | None:
        """The `audit_entry` row and `audit.recorded` event `record` would write (None for a
        non-staff caller), for a writer that inserts both in one statement of its own."""
        if actor.role not in STAFF_ROLES:
            return None
        if len(summary) > SUMMARY_MAX_KEYS:
            raise ValueError(f"an audit summary holds at most {SUMMARY_MAX_KEYS} fields")
        entry_id = uuid.uuid4()
        at = datetime.now(UTC)
        target_type, target_id = target
        row = {
            "id": entry_id,
            "at": at,
            "actor_id": actor.subject,
            "actor_role": actor.role,
            "action": action,
            "target_type": target_type,
            "target_id": str(target_id),
            "summary": summary,
        }
        event = AuditRecorded(
            id=entry_id,
            at=at,
            actor=AuditActor(id=actor.subject, role=actor.role),
            action=action,
            target=AuditTarget(type=target_type, id=str(target_id)),
            summary=summary,
            service=self.outbox.source,
        )
        return AuditEntry(row=row, event=event, subject=str(target_id))
