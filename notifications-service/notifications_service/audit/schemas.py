"""The audit trail as GET /audit answers it."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from studio_kit.types import Page as Page


class Actor(BaseModel):
    id: str
    role: str


class Target(BaseModel):
    type: str
    id: str


class AuditItem(BaseModel):
    id: str
    at: datetime
    actor: Actor
    action: str
    target: Target
    summary: dict[str, Any]
    service: str
