"""Admin broadcasts to all students or one group."""

import uuid

from fastapi import APIRouter

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep

from ..preferences.dependencies import PersonId
from . import service as broadcast_service
from .schemas import BroadcastCreate, BroadcastRead

router = APIRouter(prefix="/broadcasts", tags=["broadcasts"])


@router.post("", status_code=202, response_model=BroadcastRead)
async def create_broadcast(
    data: BroadcastCreate, session: SessionDep, admin: AdminUser, admin_id: PersonId
) -> BroadcastRead:
    """Queue an announcement to all students or to the members of one group."""
    broadcast = await broadcast_service.create_broadcast(session, data, created_by=admin_id)
    return BroadcastRead.model_validate(broadcast)


@router.get("/{broadcast_id}", response_model=BroadcastRead)
async def get_broadcast(broadcast_id: uuid.UUID, session: SessionDep, admin: AdminUser) -> BroadcastRead:
    """Show a broadcast and how many people it reached."""
    return BroadcastRead.model_validate(await broadcast_service.get_broadcast(session, broadcast_id))
