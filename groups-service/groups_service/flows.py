"""Steps that span the groups and membership domains. Membership depends on groups, never the
other way round; what needs both lives here and is called from the routers."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from .groups import service as group_service
from .groups.schemas import GroupRead, GroupUpdate
from .membership import service as membership_service


async def update_group(session: AsyncSession, group_id: uuid.UUID, data: GroupUpdate, offer_hours: float) -> GroupRead:
    """Change a group; a raised capacity offers the new seats to the waitlist."""
    group = await group_service.update_group(session, group_id, data)
    await membership_service.offer_free_seats(session, group, offer_hours)
    return await group_service.to_read(session, group)
