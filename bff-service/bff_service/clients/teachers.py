"""teachers-service, as the BFF calls it."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

from ..teacher.schemas import TeacherPayroll
from .base import ServiceApi


class TeacherProfile(BaseModel):
    id: UUID
    timezone: str | None = None


class TeachersClient(ServiceApi):
    service = "teachers"

    async def profile(self, teacher_id: str) -> TeacherProfile:
        """GET /teachers/{id}: the teacher's profile (the BFF reads the zone only)."""
        return await self._get(TeacherProfile, f"/teachers/{teacher_id}")

    async def payroll(self, teacher_id: str, month: str) -> TeacherPayroll:
        """GET /teachers/{id}/payroll?month=: payroll lines and total of one month."""
        return await self._get(TeacherPayroll, f"/teachers/{teacher_id}/payroll", {"month": month})
