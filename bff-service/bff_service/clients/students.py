"""students-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from studio_kit.types import Page

from ..schemas import Ledger, LessonPackage, Money
from .base import ServiceApi


class CashMonth(BaseModel):
    month: str
    received_minor: int
    refunded_minor: int
    currency: str


class StudentName(BaseModel):
    id: UUID
    first_name: str | None = None
    last_name: str | None = None


class StudentsClient(ServiceApi):
    service = "students"

    async def balance(self, student_id: str) -> Money:
        """GET /students/{id}/balance: the balance alone, summed by students-service."""
        return await self._get(Money, f"/students/{student_id}/balance")

    async def packages(self, student_id: str, *, status: str | None = None) -> list[LessonPackage]:
        """GET /students/{id}/packages, filtered by status downstream."""
        return await self._get(list[LessonPackage], f"/students/{student_id}/packages", {"status": status})

    async def count_students(self, *, status: str | None = None) -> int:
        """GET /students with a page of one: how many students match."""
        page = await self._get(Page[dict[str, Any]], "/students", {"status": status, "page": 1, "size": 1})
        return page.total

    async def lead_funnel(self) -> dict[str, int]:
        """GET /reports/lead-funnel: how many leads are in each status."""
        return await self._get(dict[str, int], "/reports/lead-funnel")

    async def cash_by_month(self, months: int) -> list[CashMonth]:
        """GET /reports/cash-by-month: payments and refunds per studio month."""
        return await self._get(list[CashMonth], "/reports/cash-by-month", {"months": months})

    async def names(self, ids: Sequence[str]) -> list[StudentName]:
        """GET /internal/students?ids= with the BFF's own token: names for a roster (unknown ids left out)."""
        return await self._get(list[StudentName], "/internal/students", {"ids": ",".join(ids)}, as_service=True)

    async def ledger(self, student_id: str) -> Ledger:
        """GET /students/{id}/ledger: the balance and every entry, newest first."""
        return await self._get(Ledger, f"/students/{student_id}/ledger")
