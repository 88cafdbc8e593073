"""groups-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio_kit.types import Page

from ..admin.schemas import GroupMembers, MoveResult
from ..groupdesk.schemas import WaitlistOffer, WaitlistPlace
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

    async def get_group(self, group_id: str) -> Group:
        """GET /groups/{id}."""
        return await self._get(Group, f"/groups/{group_id}")

    async def update_group(self, group_id: str, body: dict[str, Any]) -> Group:
        """PATCH /groups/{id}."""
        return await self._send(Group, "PATCH", f"/groups/{group_id}", json=body)

    async def remove_member(self, group_id: str, student_id: str, reason: str) -> None:
        """DELETE /groups/{id}/members/{student}: the freed seat is offered to the waitlist."""
        path = f"/groups/{group_id}/members/{student_id}"
        await self._send_ignoring_body("DELETE", path, params={"reason": reason})

    async def add_to_waitlist(self, group_id: str, student_id: str) -> WaitlistPlace:
        """POST /groups/{id}/waitlist."""
        body = {"student_id": student_id}
        return await self._send(WaitlistPlace, "POST", f"/groups/{group_id}/waitlist", json=body)

    async def waitlist_offers(self, student_id: str) -> list[WaitlistOffer]:
        """GET /students/{id}/waitlist-offers: seats held for the student."""
        return await self._get(list[WaitlistOffer], f"/students/{student_id}/waitlist-offers")

    async def accept_offer(self, group_id: str, student_id: str) -> Membership:
        """POST /groups/{id}/waitlist/{student}/accept."""
        return await self._send(Membership, "POST", f"/groups/{group_id}/waitlist/{student_id}/accept")

    async def decline_offer(self, group_id: str, student_id: str) -> None:
        """POST /groups/{id}/waitlist/{student}/decline."""
        await self._send_ignoring_body("POST", f"/groups/{group_id}/waitlist/{student_id}/decline")
