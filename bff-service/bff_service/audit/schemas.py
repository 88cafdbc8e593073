"""Shapes of GET /api/admin/audit (shared/API.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AuditActor(BaseModel):
    id: str
    role: str
    name: str | None = Field(default=None, description="The person's name; null when unknown")


class AuditTarget(BaseModel):
    type: str
    id: str
    name: str | None = Field(
        default=None, description="A student's, teacher's, account's or group's name; null for other targets"
    )


class AuditPerson(BaseModel):
    id: str
    name: str
    role: str


class AuditEntry(BaseModel):
    id: str
    at: datetime
    actor: AuditActor
    action: str
    target: AuditTarget
    summary: dict[str, Any]
    service: str
