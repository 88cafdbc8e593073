"""All SQL of the groups domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..membership.models import QUEUED_STATUSES, GroupMembership, WaitlistEntry
from .models import Group


async def get_group(session: AsyncSession, group_id: uuid.UUID, *, for_update: bool = False) -> Group | None:
    statement = select(Group).where(Group.id == group_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def lock_groups(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Group]:
    """Lock several group rows in id order, so two opposite moves cannot deadlock."""
    statement = select(Group).where(Group.id.in_(group_ids)).order_by(Group.id).with_for_update()
    return {group.id: group for group in (await session.execute(statement)).scalars()}


def _filtered(
    statement: Select[Group],
    *,
    status: str | None,
    teacher_id: uuid.UUID | None,
    level: str | None,
) -> Select[Group]:
    if status is not None:
        statement = statement.where(Group.status == status)
    if teacher_id is not None:
        statement = statement.where(Group.teacher_id == teacher_id)
    if level is not None:
        statement = statement.where(Group.level == level)
    return statement


async def list_groups(
    session: AsyncSession,
    *,
    status: str | None,
    teacher_id: uuid.UUID | None,
    level: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Group], int]:
    base = _filtered(select(Group), status=status, teacher_id=teacher_id, level=level)
    total = await session.scalar(select(func.count()).select_from(base.subquery()))
    rows = await session.scalars(
        base.order_by(Group.starts_on.desc(), Group.name, Group.id).offset(offset).limit(limit)
    )
    return list(rows), int(total or 0)


async def count_members(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = await session.execute(
        select(GroupMembership.group_id, func.count())
        .where(GroupMembership.group_id.in_(group_ids), GroupMembership.left_at.is_(None))
        .group_by(GroupMembership.group_id)
    )
    return {group_id: int(count) for group_id, count in rows.all()}


async def count_waiting(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = await session.execute(
        select(WaitlistEntry.group_id, func.count())
        .where(WaitlistEntry.group_id.in_(group_ids), WaitlistEntry.status.in_(QUEUED_STATUSES))
        .group_by(WaitlistEntry.group_id)
    )
    return {group_id: int(count) for group_id, count in rows.all()}


async def add_group(session: AsyncSession, group: Group) -> Group:
    session.add(group)
    await session.flush()
    return group
