"""All SQL of membership and the waitlist."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import inline

from ..groups.models import Group
from .models import QUEUED_STATUSES, GroupMembership, WaitlistEntry


async def get_current_membership(
    session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID
) -> GroupMembership | None:
    return (
        await session.execute(
            select(GroupMembership).where(
                GroupMembership.group_id == group_id,
                GroupMembership.student_id == student_id,
                GroupMembership.left_at.is_(None),
            )
        )
    ).scalar_one_or_none()


async def count_current_members(session: AsyncSession, group_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count()).where(GroupMembership.group_id == group_id, GroupMembership.left_at.is_(None))
    )
    return int(count or 0)


async def list_memberships(session: AsyncSession, group_id: uuid.UUID) -> list[GroupMembership]:
    """Every stay in the group, oldest first."""
    rows = await session.execute(
        select(GroupMembership)
        .where(GroupMembership.group_id == group_id)
        .order_by(GroupMembership.joined_at, GroupMembership.id)
    )
    return list(rows.scalars())


async def list_current_student_ids(session: AsyncSession, group_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await session.execute(
        select(GroupMembership.student_id)
        .where(GroupMembership.group_id == group_id, GroupMembership.left_at.is_(None))
        .order_by(GroupMembership.joined_at, GroupMembership.id)
    )
    return list(rows.scalars())


async def list_student_groups(
    session: AsyncSession, student_id: uuid.UUID, *, teacher_id: uuid.UUID | None = None
) -> list[tuple[Group, datetime]]:
    statement = (
        select(Group, GroupMembership.joined_at)
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .where(GroupMembership.student_id == student_id, GroupMembership.left_at.is_(None))
        .order_by(GroupMembership.joined_at)
    )
    if teacher_id is not None:
        statement = statement.where(Group.teacher_id == teacher_id)
    return [(group, joined_at) for group, joined_at in (await session.execute(statement)).all()]


async def add_membership(session: AsyncSession, membership: GroupMembership) -> GroupMembership:
    session.add(membership)
    await session.flush()
    return membership


async def list_waiting(session: AsyncSession, group_id: uuid.UUID) -> list[WaitlistEntry]:
    """The waitlist in queue order."""
    rows = await session.execute(
        select(WaitlistEntry)
        .where(WaitlistEntry.group_id == group_id, WaitlistEntry.status == "waiting")
        .order_by(WaitlistEntry.seq)
    )
    return list(rows.scalars())


async def list_queue(session: AsyncSession, group_id: uuid.UUID) -> list[WaitlistEntry]:
    """The whole queue in order: those holding an offer and those waiting."""
    rows = await session.execute(
        select(WaitlistEntry)
        .where(WaitlistEntry.group_id == group_id, WaitlistEntry.status.in_(QUEUED_STATUSES))
        .order_by(WaitlistEntry.seq)
    )
    return list(rows.scalars())


async def get_waiting_entry(session: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> WaitlistEntry | None:
    """The student's place in the queue, waiting or holding an offer."""
    return (
        await session.execute(
            select(WaitlistEntry).where(
                WaitlistEntry.group_id == group_id,
                WaitlistEntry.student_id == student_id,
                WaitlistEntry.status.in_(QUEUED_STATUSES),
            )
        )
    ).scalar_one_or_none()


async def count_live_offers(session: AsyncSession, group_id: uuid.UUID, now: datetime) -> int:
    count = await session.scalar(
        select(func.count()).where(
            WaitlistEntry.group_id == group_id,
            WaitlistEntry.status == "offered",
            WaitlistEntry.offer_expires_at > now,
        )
    )
    return int(count or 0)


async def list_lapsed_offers(session: AsyncSession, group_id: uuid.UUID, now: datetime) -> list[WaitlistEntry]:
    rows = await session.scalars(
        select(WaitlistEntry).where(
            WaitlistEntry.group_id == group_id,
            WaitlistEntry.status == "offered",
            WaitlistEntry.offer_expires_at <= now,
        )
    )
    return list(rows)


# The expiry worker's scan, on the partial index of open offers: `inline` writes 'offered' into
# the SQL, since a generic plan cannot match the index's predicate to a parameter and would read
# every waitlist entry ever made on each pass (ADR 0276).
LAPSED_OFFER_GROUPS = (
    select(WaitlistEntry.group_id)
    .where(WaitlistEntry.status == inline("offered"), WaitlistEntry.offer_expires_at <= bindparam("now"))
    .distinct()
)


async def groups_with_lapsed_offers(session: AsyncSession, now: datetime) -> list[uuid.UUID]:
    rows = await session.scalars(LAPSED_OFFER_GROUPS, {"now": now})
    return list(rows)


async def list_student_offers(
    session: AsyncSession, student_id: uuid.UUID, now: datetime
) -> list[tuple[WaitlistEntry, Group]]:
    rows = await session.execute(
        select(WaitlistEntry, Group)
        .join(Group, Group.id == WaitlistEntry.group_id)
        .where(
            WaitlistEntry.student_id == student_id,
            WaitlistEntry.status == "offered",
            WaitlistEntry.offer_expires_at > now,
        )
        .order_by(WaitlistEntry.offer_expires_at)
    )
    return [(entry, group) for entry, group in rows.all()]


async def add_waitlist_entry(session: AsyncSession, entry: WaitlistEntry) -> WaitlistEntry:
    session.add(entry)
    await session.flush()
    await session.refresh(entry, ["seq"])
    return entry


async def waiting_position(session: AsyncSession, entry: WaitlistEntry) -> int:
    count = await session.scalar(
        select(func.count()).where(
            WaitlistEntry.group_id == entry.group_id,
            WaitlistEntry.status.in_(QUEUED_STATUSES),
            WaitlistEntry.seq <= entry.seq,
        )
    )
    return int(count or 0)


async def count_waiting(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> int:
    count = await session.scalar(
        select(func.count()).where(WaitlistEntry.group_id.in_(group_ids), WaitlistEntry.status.in_(QUEUED_STATUSES))
    )
    return int(count or 0)
