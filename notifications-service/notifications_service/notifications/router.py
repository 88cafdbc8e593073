"""The delivery log for admins."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser
from studio_kit.db import SessionDep
from studio_kit.types import PageNumber

from . import service as notification_service
from .dependencies import FilterDep
from .schemas import NotificationDetail, NotificationRead, Page

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=Page[NotificationRead])
async def list_notifications(
    session: SessionDep,
    admin: AdminUser,
    filters: FilterDep,
    page: PageNumber = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[NotificationRead]:
    """List delivery-log entries, newest first, filtered by status, channel, event, recipient and time."""
    rows, total = await notification_service.list_notifications(session, filters, page, size)
    return Page[NotificationRead](
        items=[NotificationRead.model_validate(row) for row in rows], total=total, page=page, size=size
    )


@router.get("/{notification_id}", response_model=NotificationDetail)
async def get_notification(notification_id: uuid.UUID, session: SessionDep, admin: AdminUser) -> NotificationDetail:
    """Show one delivery-log entry with its text."""
    return NotificationDetail.model_validate(await notification_service.get_notification(session, notification_id))


@router.post("/{notification_id}/retry", response_model=NotificationRead)
async def retry_notification(notification_id: uuid.UUID, session: SessionDep, admin: AdminUser) -> NotificationRead:
    """Send a dead message again with a fresh set of attempts."""
    return NotificationRead.model_validate(await notification_service.retry_notification(session, notification_id))
