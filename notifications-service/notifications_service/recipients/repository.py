"""SQL for recipients and group membership."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Uuid, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import utcnow

from ..preferences.models import Preference
from .models import GroupMember, Recipient


async def upsert_recipient(session: AsyncSession, user_id: uuid.UUID, values: dict[str, Any]) -> Recipient:
    """Insert the person or update only the given columns."""
    statement = insert(Recipient).values(user_id=user_id, **values)
    if values:
        statement = statement.on_conflict_do_update(
            index_elements=[Recipient.user_id], set_={**values, "updated_at": utcnow()}
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=[Recipient.user_id])
    await session.execute(statement)
    recipient = await session.get(Recipient, user_id, populate_existing=True)
    assert recipient is not None
    return recipient


async def get_recipient(session: AsyncSession, user_id: uuid.UUID) -> Recipient | None:
    return await session.get(Recipient, user_id)


_PEOPLE_IDS = select(func.unnest(bindparam("user_ids", type_=ARRAY(Uuid))).label("user_id")).subquery("wanted")
# Each wanted person with their recipient row and their preference row, either of which may be absent.
_PEOPLE = (
    select(_PEOPLE_IDS.c.user_id, Recipient, Preference)
    .select_from(_PEOPLE_IDS)
    .outerjoin(Recipient, Recipient.user_id == _PEOPLE_IDS.c.user_id)
    .outerjoin(Preference, Preference.user_id == _PEOPLE_IDS.c.user_id)
)


async def list_people(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, Recipient], dict[uuid.UUID, Preference]]:
    """The recipients and the preferences of these people, in one statement."""
    if not user_ids:
        return {}, {}
    recipients: dict[uuid.UUID, Recipient] = {}
    preferences: dict[uuid.UUID, Preference] = {}
    for user_id, recipient, preference in await session.execute(_PEOPLE, {"user_ids": list(dict.fromkeys(user_ids))}):
        if recipient is not None:
            recipients[user_id] = recipient
        if preference is not None:
            preferences[user_id] = preference
    return recipients, preferences


async def list_active_by_role(session: AsyncSession, role: str) -> list[Recipient]:
    rows = await session.scalars(
        select(Recipient).where(Recipient.role == role, Recipient.active.is_(True)).order_by(Recipient.user_id)
    )
    return list(rows)


async def list_recipients_by_emails(session: AsyncSession, emails: Sequence[str]) -> list[Recipient]:
    if not emails:
        return []
    rows = await session.scalars(select(Recipient).where(func.lower(Recipient.email).in_(list(emails))))
    return list(rows)


async def set_group_membership(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID, *, active: bool, event_time: datetime
) -> None:
    """Record a join or leave unless a newer event about the same membership was applied already."""
    statement = insert(GroupMember).values(
        group_id=group_id, student_id=student_id, active=active, event_time=event_time
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[GroupMember.group_id, GroupMember.student_id],
            set_={"active": statement.excluded.active, "event_time": statement.excluded.event_time},
            where=GroupMember.event_time <= statement.excluded.event_time,
        )
    )


async def list_group_student_ids(session: AsyncSession, group_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(GroupMember.student_id)
        .where(GroupMember.group_id == group_id, GroupMember.active.is_(True))
        .order_by(GroupMember.student_id)
    )
    return list(rows)
