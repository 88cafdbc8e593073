"""Shapes of GET /api/admin/audit (shared/API.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditActor(BaseModel):
    id: str
    role: str


class AuditTarget(BaseModel):
    type: str
    id: str


class AuditEntry(BaseModel):
    id: str
    at: datetime
    actor: AuditActor
    action: str
    target: AuditTarget
    summary: dict[str, Any]
    service: str
