"""Keeping the local copy of people and group membership current."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as recipient_repository
from .models import Recipient
from .schemas import RecipientUpsert

_COLUMNS = ("email", "phone", "telegram_chat_id", "language", "timezone", "role", "first_name", "last_name", "active")


def _known_values(values: dict[str, Any]) -> dict[str, Any]:
    """Events only add knowledge: a missing or null field never erases what we know."""
    known = {key: value for key, value in values.items() if key in _COLUMNS and value not in (None, "")}
    if "email" in known:
        known["email"] = str(known["email"]).strip().lower()
    if known.get("language") not in (None, "ru", "en"):
        known.pop("language")
    return known


async def record_recipient(session: AsyncSession, user_id: uuid.UUID, **values: Any) -> Recipient:
    """Merge what an event tells about a person into their recipient row."""
    return await recipient_repository.upsert_recipient(session, user_id, _known_values(values))


async def upsert_recipient(session: AsyncSession, user_id: uuid.UUID, data: RecipientUpsert) -> Recipient:
    """Set exactly the fields another service sent (internal endpoint)."""
    values = data.model_dump(exclude_unset=True)
    if values.get("email"):
        values["email"] = str(values["email"]).lower()
    if values.get("active") is None:
        values.pop("active", None)
    return await recipient_repository.upsert_recipient(session, user_id, values)


async def record_group_join(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, event_time: datetime
) -> None:
    """Remember that a student belongs to a group (events may arrive out of order)."""
    await recipient_repository.set_group_membership(session, group_id, student_id, active=True, event_time=event_time)


async def record_group_leave(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, event_time: datetime
) -> None:
    """Remember that a student left a group."""
    await recipient_repository.set_group_membership(session, group_id, student_id, active=False, event_time=event_time)
