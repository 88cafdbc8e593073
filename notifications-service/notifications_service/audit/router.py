"""GET /audit: the studio's audit trail for admins, newest first."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from . import service as audit_service
from .repository import AuditFilter
from .schemas import AuditItem, Page

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=Page[AuditItem])
async def list_audit(
    session: SessionDep,
    admin: AdminUser,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: Annotated[datetime | None, Query()] = None,
    actor_id: Annotated[str | None, Query(max_length=64)] = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[AuditItem]:
    """Staff writes in [from, to), optionally by one actor, on one target or of one action."""
    filters = AuditFilter(since=from_, until=to, actor_id=actor_id, target_id=target_id, action=action)
    items, total = await audit_service.list_audit(session, filters, page, size)
    return Page[AuditItem](items=items, total=total, page=page, size=size)
