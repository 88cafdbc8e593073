"""HTTP routes for groups."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from studio_kit.auth import AdminUser, CurrentUser, require_roles
from studio_kit.db import SessionDep
from studio_kit.types import PageNumber, PageSize

from .. import flows
from ..database import audit
from ..membership.dependencies import OfferHours
from . import service as group_service
from .dependencies import ReadableGroup
from .schemas import GroupCreate, GroupRead, GroupStatus, GroupUpdate, Level, Page

router = APIRouter(prefix="/groups", tags=["groups"])


@router.get("", response_model=Page[GroupRead], dependencies=[Depends(require_roles("admin", "teacher"))])
async def list_groups(
    session: SessionDep,
    user: CurrentUser,
    status: GroupStatus | None = None,
    teacher_id: uuid.UUID | None = None,
    level: Level | None = None,
    page: PageNumber = 1,
    size: PageSize = 20,
) -> Page[GroupRead]:
    """List groups (admin: all; teacher: their own)."""
    return await group_service.list_groups(
        session, user, status=status, teacher_id=teacher_id, level=level, page=page, size=size
    )


@router.post("", status_code=201, response_model=GroupRead)
async def create_group(data: GroupCreate, session: SessionDep, user: AdminUser) -> GroupRead:
    """Create a group."""
    group = await group_service.create_group(session, data)
    summary = data.model_dump(mode="json", include={"name", "level", "teacher_id", "capacity", "status"})
    await audit.record(session, user, "group.created", ("group", group.id), summary)
    return group


@router.get("/{group_id}", response_model=GroupRead)
async def get_group(group: ReadableGroup, session: SessionDep) -> GroupRead:
    """Read one group with its member and waitlist counts."""
    return await group_service.to_read(session, group)


@router.patch("/{group_id}", response_model=GroupRead)
async def update_group(
    group_id: uuid.UUID, data: GroupUpdate, session: SessionDep, user: AdminUser, offer_hours: OfferHours
) -> GroupRead:
    """Change a group (admin)."""
    group = await flows.update_group(session, group_id, data, offer_hours)
    changes = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "group.updated", ("group", group_id), {"changed": changes})
    return group
