"""students-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID

import httpx
from pydantic import BaseModel

from studio_kit.types import Page

from ..admin.schemas import Lead
from ..documents.schemas import DocumentRead
from ..downstream import REPLAYED_HEADER
from ..leads.schemas import ConversionPeriod
from ..makeups.schemas import MakeupCredit, MakeupCredits, MakeupPolicy
from ..money.schemas import DebtReminder, EndingPackage
from ..payments.schemas import Checkout, OnlinePayment, PackageTemplate, WebhookOutcome
from ..progress.schemas import Assessment
from ..schemas import Ledger, LedgerEntry, LessonPackage, Money, StudentProfile
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


class DebtRow(BaseModel):
    student_id: UUID
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    balance_minor: int
    currency: str
    reasons: list[str]
    packages_ending: list[EndingPackage]
    reminded_on: date | None = None


class DebtList(BaseModel):
    ending_within_days: int
    items: list[DebtRow]


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

    async def list_students(self, params: Mapping[str, Any]) -> Page[StudentProfile]:
        """GET /students: search, filters, pagination and balances."""
        return await self._get(Page[StudentProfile], "/students", params)

    async def create_student(self, body: dict[str, Any]) -> StudentProfile:
        """POST /students: a profile (under an account's id when `user_id` is given)."""
        return await self._send(StudentProfile, "POST", "/students", json=body)

    async def create_profile_as_bff(self, body: dict[str, Any], *, deadline: float) -> StudentProfile:
        """POST /students with the BFF's own token: a self-registered student's profile."""
        return await self._send(StudentProfile, "POST", "/students", json=body, as_service=True, deadline=deadline)

    async def my_profile(self) -> StudentProfile:
        """GET /students/me: the calling student's own profile."""
        return await self._get(StudentProfile, "/students/me")

    async def get_student(self, student_id: str) -> StudentProfile:
        """GET /students/{id}."""
        return await self._get(StudentProfile, f"/students/{student_id}")

    async def update_student(self, student_id: str, body: dict[str, Any]) -> StudentProfile:
        """PATCH /students/{id}."""
        return await self._send(StudentProfile, "PATCH", f"/students/{student_id}", json=body)

    async def record_payment(
        self, student_id: str, body: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[LedgerEntry, bool]:
        """POST /students/{id}/payments, once per Idempotency-Key. Returns (entry, replayed)."""
        path = f"/students/{student_id}/payments"
        return await self._send_once(LedgerEntry, path, json=body, idempotency_key=idempotency_key)

    async def sell_package(self, student_id: str, body: dict[str, Any]) -> LessonPackage:
        """POST /students/{id}/packages: a lesson package (абонемент)."""
        return await self._send(LessonPackage, "POST", f"/students/{student_id}/packages", json=body)

    async def list_leads(self, params: Mapping[str, Any]) -> Page[Lead]:
        """GET /leads: trial requests with their funnel status."""
        return await self._get(Page[Lead], "/leads", params)

    async def update_lead(self, lead_id: str, body: dict[str, Any]) -> Lead:
        """PATCH /leads/{id}: move a lead through the funnel."""
        return await self._send(Lead, "PATCH", f"/leads/{lead_id}", json=body)

    async def package_templates(self, *, include_archived: bool) -> list[PackageTemplate]:
        """GET /package-templates: the catalogue, cheapest first (archived ones for admins on request)."""
        params = {"include_archived": "true"} if include_archived else None
        return await self._get(list[PackageTemplate], "/package-templates", params)

    async def create_template(self, body: dict[str, Any]) -> PackageTemplate:
        """POST /package-templates."""
        return await self._send(PackageTemplate, "POST", "/package-templates", json=body)

    async def update_template(self, template_id: str, body: dict[str, Any]) -> PackageTemplate:
        """PATCH /package-templates/{id}."""
        return await self._send(PackageTemplate, "PATCH", f"/package-templates/{template_id}", json=body)

    async def sell_template(
        self, student_id: str, body: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[LessonPackage, bool]:
        """POST /students/{id}/template-sales: package, purchase and desk payment once per key."""
        path = f"/students/{student_id}/template-sales"
        return await self._send_once(LessonPackage, path, json=body, idempotency_key=idempotency_key)

    async def checkout(
        self, student_id: str, body: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[Checkout, bool]:
        """POST /students/{id}/checkout: a payment at the provider, once per key."""
        path = f"/students/{student_id}/checkout"
        return await self._send_once(Checkout, path, json=body, idempotency_key=idempotency_key)

    async def online_payment(self, student_id: str, payment_id: str) -> OnlinePayment:
        """GET /students/{id}/online-payments/{payment_id} (re-read from the provider while pending)."""
        return await self._get(OnlinePayment, f"/students/{student_id}/online-payments/{payment_id}")

    async def relay_webhook(self, provider: str, body: Any) -> WebhookOutcome:
        """POST /payments/webhooks/{provider} with the BFF's own token: students-service verifies it."""
        return await self._send(WebhookOutcome, "POST", f"/payments/webhooks/{provider}", json=body, as_service=True)

    async def ledger_write(
        self, student_id: str, kind: str, body: dict[str, Any], *, idempotency_key: str | None
    ) -> tuple[LedgerEntry, bool]:
        """POST /students/{id}/refunds or /adjustments, once per key. Returns (entry, replayed)."""
        path = f"/students/{student_id}/{kind}"
        return await self._send_once(LedgerEntry, path, json=body, idempotency_key=idempotency_key)

    async def freeze_package(self, package_id: str, until: str) -> LessonPackage:
        """POST /packages/{id}/freeze."""
        return await self._send(LessonPackage, "POST", f"/packages/{package_id}/freeze", json={"until": until})

    async def unfreeze_package(self, package_id: str) -> LessonPackage:
        """POST /packages/{id}/unfreeze."""
        return await self._send(LessonPackage, "POST", f"/packages/{package_id}/unfreeze")

    async def debts(self) -> DebtList:
        """GET /debts: negative balances and packages ending soon, most indebted first."""
        return await self._get(DebtList, "/debts")

    async def create_lead(self, body: dict[str, Any]) -> Lead:
        """POST /leads: 409 when an open lead has the phone."""
        return await self._send(Lead, "POST", "/leads", json=body)

    async def get_lead(self, lead_id: str) -> Lead:
        """GET /leads/{id}."""
        return await self._get(Lead, f"/leads/{lead_id}")

    async def link_lead_student(self, lead_id: str, student_id: str) -> Lead:
        """PUT /leads/{id}/student: the profile the lead is becoming (a conversion's first step)."""
        return await self._send(Lead, "PUT", f"/leads/{lead_id}/student", json={"student_id": student_id})

    async def convert_lead(self, lead_id: str, body: dict[str, Any]) -> Lead:
        """POST /leads/{id}/convert: the lead became a student; twice is 409."""
        return await self._send(Lead, "POST", f"/leads/{lead_id}/convert", json=body)

    async def lead_conversion(self, period: str, periods: int) -> list[ConversionPeriod]:
        """GET /leads/conversion: requests → trials → paying students per week or month."""
        params = {"period": period, "periods": periods}
        return await self._get(list[ConversionPeriod], "/leads/conversion", params)

    async def documents(self, student_id: str) -> list[DocumentRead]:
        """GET /students/{id}/documents (students-service decides who may see them)."""
        return await self._get(list[DocumentRead], f"/students/{student_id}/documents")

    async def download_document(self, student_id: str, document_id: str) -> httpx.Response:
        """GET /students/{id}/documents/{doc}: the stored file, passed on as it came."""
        return await self.caller.send(self.service, "GET", f"/students/{student_id}/documents/{document_id}")

    async def upload_document(self, student_id: str, body: bytes, content_type: str) -> DocumentRead:
        """POST /students/{id}/documents: the browser's multipart body passed through unparsed."""
        response = await self.caller.send(
            self.service,
            "POST",
            f"/students/{student_id}/documents",
            content=body,
            headers={"Content-Type": content_type},
        )
        return self._parse(DocumentRead, response.json())

    async def delete_document(self, student_id: str, document_id: str) -> None:
        """DELETE /students/{id}/documents/{doc}."""
        await self._send_ignoring_body("DELETE", f"/students/{student_id}/documents/{document_id}")

    async def document_grants(self, student_id: str) -> list[UUID]:
        """GET /students/{id}/document-grants: teachers allowed to see the documents."""
        return await self._get(list[UUID], f"/students/{student_id}/document-grants")

    async def grant_documents(self, student_id: str, teacher_id: str) -> None:
        """PUT /students/{id}/document-grants/{teacher}."""
        await self._send_ignoring_body("PUT", f"/students/{student_id}/document-grants/{teacher_id}")

    async def revoke_documents(self, student_id: str, teacher_id: str) -> None:
        """DELETE /students/{id}/document-grants/{teacher}."""
        await self._send_ignoring_body("DELETE", f"/students/{student_id}/document-grants/{teacher_id}")

    async def remind_debtor(self, student_id: str) -> tuple[DebtReminder, bool]:
        """POST /debts/{id}/reminders: one reminder a day; returns (reminder, replayed)."""
        response = await self._send_raw("POST", f"/debts/{student_id}/reminders")
        return self._parse(DebtReminder, response.json()), response.headers.get(REPLAYED_HEADER) == "true"

    async def assessments(self, student_id: str) -> list[Assessment]:
        """GET /students/{id}/assessments: the student's level history, newest first."""
        return await self._get(list[Assessment], f"/students/{student_id}/assessments")

    async def add_assessment(self, student_id: str, body: dict[str, Any]) -> Assessment:
        """POST /students/{id}/assessments: a level assessment; the newest sets the profile's level."""
        return await self._send(Assessment, "POST", f"/students/{student_id}/assessments", json=body)

    async def makeup_policy(self) -> MakeupPolicy:
        """GET /makeup-policy: what an excused absence or a late cancel gives back."""
        return await self._get(MakeupPolicy, "/makeup-policy")

    async def set_makeup_policy(self, body: dict[str, Any]) -> MakeupPolicy:
        """PUT /makeup-policy."""
        return await self._send(MakeupPolicy, "PUT", "/makeup-policy", json=body)

    async def makeup_credits(self, student_id: str) -> MakeupCredits:
        """GET /students/{id}/makeup-credits: how many are available, and every credit."""
        return await self._get(MakeupCredits, f"/students/{student_id}/makeup-credits")

    async def use_makeup_credit(self, student_id: str, lesson_id: str) -> MakeupCredit:
        """POST /students/{id}/makeup-credits/use: the oldest credit pays the lesson (again: the same credit)."""
        path = f"/students/{student_id}/makeup-credits/use"
        return await self._send(MakeupCredit, "POST", path, json={"lesson_id": lesson_id})

    async def open_export(self, kind: str, params: Mapping[str, Any], token: str) -> httpx.Response:
        """GET /exports/{kind} as a stream (CSV or XLSX), its body unread: the caller relays and closes it."""
        return await self._open_stream(f"/exports/{kind}", params, token)
