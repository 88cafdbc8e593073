"""One row per staff write anywhere in the studio: a copy of the owning service's audit entry."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base


class AuditRecord(Base):
    __tablename__ = "audit_record"

    # The owning service's audit entry id: a redelivered or re-published event adds nothing.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(100))
    target_type: Mapped[str] = mapped_column(String(50))
    target_id: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict[str, Any]] = mapped_column(JSONB)
    service: Mapped[str] = mapped_column(String(50))

    __table_args__ = (
        Index("ix_audit_record_at", "at"),
        Index("ix_audit_record_actor_at", "actor_id", "at"),
        Index("ix_audit_record_target_at", "target_id", "at"),
    )
