"""groups-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio_kit.types import Page

from ..admin.schemas import GroupMembers, MoveResult
from ..schemas import Group, Membership, StudentGroup
from .base import ServiceApi


class GroupsClient(ServiceApi):
    service = "groups"

    async def student_groups(self, student_id: str) -> list[StudentGroup]:
        """GET /students/{id}/groups: the groups a student is in now."""
        return await self._get(list[StudentGroup], f"/students/{student_id}/groups")

    async def list_groups(self, params: Mapping[str, Any]) -> Page[Group]:
        """GET /groups: one page of groups (filters as groups-service takes them)."""
        return await self._get(Page[Group], "/groups", params)

    async def create_group(self, body: dict[str, Any]) -> Group:
        """POST /groups."""
        return await self._send(Group, "POST", "/groups", json=body)

    async def members(self, group_id: str) -> GroupMembers:
        """GET /groups/{id}/members: current members, the history and the waitlist."""
        return await self._get(GroupMembers, f"/groups/{group_id}/members")

    async def add_member(self, group_id: str, student_id: str) -> Membership:
        """POST /groups/{id}/members: 409 `group_full` offers the waitlist."""
        body = {"student_id": student_id}
        return await self._send(Membership, "POST", f"/groups/{group_id}/members", json=body)

    async def move_member(self, group_id: str, student_id: str, to_group_id: str) -> MoveResult:
        """POST /groups/{id}/members/{student}/move: one step, history kept."""
        path = f"/groups/{group_id}/members/{student_id}/move"
        return await self._send(MoveResult, "POST", path, json={"to_group_id": to_group_id})
