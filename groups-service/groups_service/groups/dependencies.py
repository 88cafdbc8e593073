"""Dependencies that load a group and check who may see it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep
from studio_kit.errors import Forbidden

from ..membership import repository as membership_repository
from . import service as group_service
from .models import Group


async def readable_group(group_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Group:
    """The group, if the caller is an admin, its teacher, or one of its current students."""
    group = await group_service.get_group(session, group_id)
    if user.role == "admin":
        return group
    if user.role == "teacher" and str(group.teacher_id) == user.subject:
        return group
    if user.role == "student":
        member = await membership_repository.get_current_membership(session, group.id, uuid.UUID(user.subject))
        if member is not None:
            return group
    raise Forbidden("This group is not yours.")


async def staff_group(group_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Group:
    """The group, if the caller is an admin or its teacher."""
    group = await group_service.get_group(session, group_id)
    if user.role == "admin" or (user.role == "teacher" and str(group.teacher_id) == user.subject):
        return group
    raise Forbidden("Only the group's teacher or an admin may do this.")


ReadableGroup = Annotated[Group, Depends(readable_group)]
StaffGroup = Annotated[Group, Depends(staff_group)]
