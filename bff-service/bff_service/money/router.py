"""Admin money routes: price list, teacher rates, studio payroll (API.md "Money")."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response

from ..downstream import IdempotencyKey
from ..schemas import LedgerEntry, LessonPackage
from ..session.dependencies import AdminCaller
from . import service as money_service
from .schemas import (
    AdjustmentCreate,
    DebtList,
    DebtReminder,
    FreezeRequest,
    PayrollPayment,
    PriceList,
    PriceListUpdate,
    Rate,
    RateUpdate,
    RefundCreate,
    StudioPayroll,
)

router = APIRouter(prefix="/api/admin", tags=["money"])
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
SHEET_TYPES = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}
    },
}
# Headers of the owner's download the browser needs; the rest (lengths, encodings) are the BFF's own.
PASSED_HEADERS = ("content-type", "content-disposition")


@router.get("/prices", response_model=PriceList)
async def get_prices(caller: AdminCaller) -> Any:
    """The price list in force today: what an individual or trial lesson costs by length."""
    return await money_service.get_prices(caller)


@router.put("/prices", response_model=PriceList)
async def set_prices(data: PriceListUpdate, caller: AdminCaller) -> Any:
    """Replace the price list from a date on (today by default); lessons already booked keep their price."""
    return await money_service.set_prices(caller, data.model_dump(mode="json", exclude_none=True))


@router.get("/teachers/{teacher_id}/rates", response_model=list[Rate])
async def list_teacher_rates(teacher_id: UUID, caller: AdminCaller) -> Any:
    """Every rate ever set for the teacher, newest first per kind."""
    return await money_service.list_rates(caller, str(teacher_id))


@router.put("/teachers/{teacher_id}/rate", response_model=list[Rate])
async def set_teacher_rate(teacher_id: UUID, data: RateUpdate, caller: AdminCaller) -> Any:
    """Set the teacher's per-lesson rate from a date on; a past date re-prices the months not yet paid."""
    return await money_service.set_rate(caller, str(teacher_id), data.model_dump(mode="json", exclude_none=True))


@router.get("/payroll", response_model=StudioPayroll, responses={200: {"content": SHEET_TYPES}})
async def studio_payroll(
    caller: AdminCaller,
    month: Annotated[str, Query(pattern=MONTH_PATTERN, examples=["2026-11"])],
    format: Literal["json", "csv", "xlsx"] = "json",
) -> Any:
    """Every teacher's payroll lines and totals for a month; `format=csv|xlsx` downloads the sheet."""
    if format == "json":
        return await money_service.get_payroll(caller, month)
    sheet = await money_service.download_payroll(caller, month, format)
    headers = {name: sheet.headers[name] for name in PASSED_HEADERS if name in sheet.headers}
    return Response(content=sheet.content, headers=headers)


@router.post("/payroll/{month}/teachers/{teacher_id}/paid", response_model=PayrollPayment)
async def mark_payroll_paid(
    month: Annotated[str, Path(pattern=MONTH_PATTERN)], teacher_id: UUID, caller: AdminCaller
) -> Any:
    """Mark a teacher's month paid at its total; later back-dated rates leave that month as paid."""
    return await money_service.mark_payroll_paid(caller, month, str(teacher_id))


@router.post("/students/{student_id}/refunds", status_code=201, response_model=LedgerEntry)
async def record_refund(
    student_id: UUID, data: RefundCreate, caller: AdminCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Return money to the student with a reason; the same Idempotency-Key never refunds twice."""
    entry, replayed = await money_service.record_refund(caller, str(student_id), data.model_dump(), idempotency_key)
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return entry


@router.post("/students/{student_id}/adjustments", status_code=201, response_model=LedgerEntry)
async def record_adjustment(
    student_id: UUID, data: AdjustmentCreate, caller: AdminCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Correct the balance with a signed, explained entry; the same Idempotency-Key records it once."""
    entry, replayed = await money_service.record_adjustment(caller, str(student_id), data.model_dump(), idempotency_key)
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return entry


@router.post("/students/{student_id}/packages/{package_id}/freeze", response_model=LessonPackage)
async def freeze_package(student_id: UUID, package_id: UUID, data: FreezeRequest, caller: AdminCaller) -> Any:
    """Freeze the student's package until a date (its validity moves on by the frozen days)."""
    return await money_service.freeze_package(caller, str(student_id), str(package_id), data.until.isoformat())


@router.post("/students/{student_id}/packages/{package_id}/unfreeze", response_model=LessonPackage)
async def unfreeze_package(student_id: UUID, package_id: UUID, caller: AdminCaller) -> Any:
    """Make a frozen package usable again from today."""
    return await money_service.unfreeze_package(caller, str(student_id), str(package_id))


@router.get("/debts", response_model=DebtList)
async def list_debts(caller: AdminCaller) -> Any:
    """Students with a negative balance or a package ending within 7 days, most indebted first."""
    return await money_service.list_debts(caller)


@router.post("/debts/{student_id}/remind", status_code=201, response_model=DebtReminder)
async def remind_debtor(student_id: UUID, caller: AdminCaller, response: Response) -> DebtReminder:
    """Notify the student of their debt and ending packages (web, e-mail, Telegram per their
    preferences); once a day: pressed again the same day it answers 200 with the same reminder and
    sends nothing; 409 `nothing_owed` when the student owes nothing."""
    reminder, replayed = await money_service.remind_debtor(caller, str(student_id))
    if replayed:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return reminder
