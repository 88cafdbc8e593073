"""Query parameters of the delivery-log listing."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query

from studio_kit.errors import BadRequest

from .repository import NotificationFilter
from .schemas import Channel, Status


async def notification_filter(
    status: Status | None = None,
    channel: Channel | None = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    recipient: Annotated[str | None, Query(max_length=400, description="user id or address")] = None,
    created_from: Annotated[datetime | None, Query(alias="from")] = None,
    created_to: Annotated[datetime | None, Query(alias="to")] = None,
) -> NotificationFilter:
    for value in (created_from, created_to):
        if value is not None and value.tzinfo is None:
            raise BadRequest("`from` and `to` need a UTC offset.")
    if created_from and created_to and created_from > created_to:
        raise BadRequest("`from` must not be after `to`.")
    return NotificationFilter(
        status=status,
        channel=channel,
        event_type=event_type,
        recipient=recipient,
        created_from=created_from,
        created_to=created_to,
    )


FilterDep = Annotated[NotificationFilter, Depends(notification_filter)]
