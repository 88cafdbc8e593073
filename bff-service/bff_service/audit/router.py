"""GET /api/admin/audit: every admin and teacher write, newest first (admin only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from ..schemas import Page
from ..session.dependencies import AdminCaller
from . import service as audit_service
from .schemas import AuditEntry, AuditPerson

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/audit", response_model=Page[AuditEntry])
async def audit_trail(
    caller: AdminCaller,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: Annotated[datetime | None, Query()] = None,
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[AuditEntry]:
    """Who changed what: actor, action, target, time and a summary of the change; filter by time
    range [from, to), actor, target or action."""
    return await audit_service.list_audit(
        caller,
        {
            "from": from_.isoformat() if from_ else None,
            "to": to.isoformat() if to else None,
            "actor_id": actor_id,
            "target_id": target_id,
            "action": action,
            "page": page,
            "size": size,
        },
    )


@router.get("/audit/actors", response_model=list[AuditPerson])
async def audit_actors(caller: AdminCaller) -> list[AuditPerson]:
    """The admins and teachers whose writes the trail records, by name (the screen's actor filter)."""
    return await audit_service.list_actors(caller)
