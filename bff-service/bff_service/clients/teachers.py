"""teachers-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import httpx
from pydantic import BaseModel, Field

from ..money.schemas import PayrollPayment, Rate
from ..schemas import Money, Page, TeacherCard, TeacherRecord
from ..teacher.schemas import PayrollLine, TeacherPayroll
from .base import ServiceApi


class TeacherProfile(BaseModel):
    id: UUID
    timezone: str | None = None


class PayrollSummary(BaseModel):
    teacher_id: UUID
    first_name: str | None = None
    last_name: str | None = None
    lessons: int
    rate_missing: int
    total: Money
    lines: list[PayrollLine] = Field(default_factory=list)
    paid: PayrollPayment | None = None


class StudioPayroll(BaseModel):
    month: str
    teachers: list[PayrollSummary]
    total: Money


class TeachersClient(ServiceApi):
    service = "teachers"

    async def profile(self, teacher_id: str) -> TeacherProfile:
        """GET /teachers/{id}: the teacher's profile (the BFF reads the zone only)."""
        return await self._get(TeacherProfile, f"/teachers/{teacher_id}")

    async def card(self, teacher_id: str) -> TeacherCard:
        """GET /teachers/{id}: the teacher's card as the web app shows it (`/api/me` of a teacher)."""
        return await self._get(TeacherCard, f"/teachers/{teacher_id}")

    async def payroll(self, teacher_id: str, month: str) -> TeacherPayroll:
        """GET /teachers/{id}/payroll?month=: payroll lines and total of one month."""
        return await self._get(TeacherPayroll, f"/teachers/{teacher_id}/payroll", {"month": month})

    async def rates(self, teacher_id: str) -> list[Rate]:
        """GET /teachers/{id}/rates: what the teacher is paid per lesson, by kind, over time."""
        return await self._get(list[Rate], f"/teachers/{teacher_id}/rates")

    async def set_rate(self, teacher_id: str, body: dict[str, Any]) -> list[Rate]:
        """PUT /teachers/{id}/rates: a new rate from a date."""
        return await self._send(list[Rate], "PUT", f"/teachers/{teacher_id}/rates", json=body)

    async def studio_payroll(self, month: str) -> StudioPayroll:
        """GET /payroll?month=: every teacher's payroll of one month."""
        return await self._get(StudioPayroll, "/payroll", {"month": month})

    async def payroll_sheet(self, month: str, sheet_format: str) -> httpx.Response:
        """GET /payroll/sheet: the sheet as teachers-service streamed it (bytes passed on)."""
        params = {"month": month, "format": sheet_format}
        return await self.caller.send(self.service, "GET", "/payroll/sheet", params=params)

    async def mark_paid(self, month: str, teacher_id: str) -> PayrollPayment:
        """POST /payroll/{month}/teachers/{id}/paid."""
        return await self._send(PayrollPayment, "POST", f"/payroll/{month}/teachers/{teacher_id}/paid")

    async def public_listing(self) -> list[TeacherCard]:
        """GET /teachers: active teachers' public cards (no contacts)."""
        return await self._get(list[TeacherCard], "/teachers")

    async def admin_teachers(self, params: Mapping[str, Any]) -> Page[TeacherRecord]:
        """GET /admin/teachers: teachers with contacts and status (without invitations)."""
        return await self._get(Page[TeacherRecord], "/admin/teachers", params)

    async def admin_teacher(self, teacher_id: str) -> TeacherRecord:
        """GET /admin/teachers/{id}."""
        return await self._get(TeacherRecord, f"/admin/teachers/{teacher_id}")

    async def create_teacher(self, body: dict[str, Any]) -> TeacherRecord:
        """POST /teachers: the profile under the account's id."""
        return await self._send(TeacherRecord, "POST", "/teachers", json=body)

    async def update_teacher(self, teacher_id: str, body: dict[str, Any]) -> TeacherRecord:
        """PATCH /teachers/{id}."""
        return await self._send(TeacherRecord, "PATCH", f"/teachers/{teacher_id}", json=body)
