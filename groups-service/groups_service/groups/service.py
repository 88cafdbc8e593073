"""Rules for groups: creating, reading with counts, listing by role, updating."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal

from . import repository as group_repository
from .errors import CapacityBelowMembers, GroupNotFound, InvalidDates, InvalidStatusChange
from .models import GROUP_STATUSES, Group
from .schemas import GroupCreate, GroupRead, GroupUpdate, Page


async def to_reads(session: AsyncSession, groups: Sequence[Group]) -> list[GroupRead]:
    ids = [group.id for group in groups]
    members = await group_repository.count_members(session, ids)
    waiting = await group_repository.count_waiting(session, ids)
    return [
        GroupRead.model_validate(
            {
                **{column: getattr(group, column) for column in GroupRead.model_fields if hasattr(group, column)},
                "members_count": members.get(group.id, 0),
                "waitlist_count": waiting.get(group.id, 0),
            }
        )
        for group in groups
    ]


async def to_read(session: AsyncSession, group: Group) -> GroupRead:
    return (await to_reads(session, [group]))[0]


async def get_group(session: AsyncSession, group_id: uuid.UUID, *, for_update: bool = False) -> Group:
    """Load a group or raise 404."""
    group = await group_repository.get_group(session, group_id, for_update=for_update)
    if group is None:
        raise GroupNotFound(f"Group {group_id} does not exist.")
    return group


async def create_group(session: AsyncSession, data: GroupCreate) -> GroupRead:
    """Create a group (admin)."""
    group = Group(
        id=uuid.uuid4(),
        **data.model_dump(exclude={"schedule"}),
        schedule=data.schedule.model_dump(mode="json"),
    )
    await group_repository.add_group(session, group)
    return await to_read(session, group)


async def list_groups(
    session: AsyncSession,
    user: Principal,
    *,
    status: str | None,
    teacher_id: uuid.UUID | None,
    level: str | None,
    page: int,
    size: int,
) -> Page[GroupRead]:
    """List groups: admins see all, teachers only the groups they teach."""
    if user.role == "teacher":
        teacher_id = uuid.UUID(user.subject)
    groups, total = await group_repository.list_groups(
        session, status=status, teacher_id=teacher_id, level=level, offset=(page - 1) * size, limit=size
    )
    return Page[GroupRead](items=await to_reads(session, groups), total=total, page=page, size=size)


async def update_group(session: AsyncSession, group_id: uuid.UUID, data: GroupUpdate) -> Group:
    """Change a group's own fields (flows.update_group also hands freed seats to the waitlist)."""
    group = await get_group(session, group_id, for_update=True)
    changes = data.model_dump(exclude_unset=True)
    if "schedule" in changes and data.schedule is not None:
        changes["schedule"] = data.schedule.model_dump(mode="json")
    starts_on = changes.get("starts_on", group.starts_on)
    ends_on = changes.get("ends_on", group.ends_on)
    if starts_on is None:
        raise InvalidDates("starts_on cannot be removed.")
    if ends_on is not None and ends_on < starts_on:
        raise InvalidDates()
    status = changes.get("status")
    if status is not None and GROUP_STATUSES.index(status) < GROUP_STATUSES.index(group.status):
        raise InvalidStatusChange(f"A group cannot go back from {group.status!r} to {status!r}.")
    capacity = changes.get("capacity")
    if capacity is not None:
        members = (await group_repository.count_members(session, [group.id])).get(group.id, 0)
        if capacity < members:
            raise CapacityBelowMembers(
                f"The group has {members} members; capacity cannot be {capacity}.", members_count=members
            )
    for key, value in changes.items():
        if value is None and key in (
            "name",
            "level",
            "teacher_id",
            "capacity",
            "schedule",
            "status",
            "price_per_lesson_minor",
        ):
            continue
        setattr(group, key, value)
    await session.flush()
    return group
