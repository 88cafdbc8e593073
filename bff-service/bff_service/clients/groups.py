"""groups-service, as the BFF calls it."""

from __future__ import annotations

from studio_kit.types import Page

from ..schemas import Group, StudentGroup
from .base import ServiceApi


class GroupsClient(ServiceApi):
    service = "groups"

    async def student_groups(self, student_id: str) -> list[StudentGroup]:
        """GET /students/{id}/groups: the groups a student is in now."""
        return await self._get(list[StudentGroup], f"/students/{student_id}/groups")

    async def list_groups(self, *, teacher_id: str | None = None, size: int = 100) -> Page[Group]:
        """GET /groups: one page of groups."""
        return await self._get(Page[Group], "/groups", {"teacher_id": teacher_id, "size": size})
