"""SQL for preferences."""

import uuid
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from .models import Preference


async def get_preference(session: AsyncSession, user_id: uuid.UUID) -> Preference | None:
    return await session.get(Preference, user_id)


async def save_preference(session: AsyncSession, user_id: uuid.UUID, values: dict[str, Any]) -> Preference:
    await session.execute(
        insert(Preference)
        .values(user_id=user_id, **values)
        .on_conflict_do_update(index_elements=[Preference.user_id], set_={**values, "updated_at": utcnow()})
    )
    preference = await session.get(Preference, user_id, populate_existing=True)
    assert preference is not None
    return preference
