"""Money screens: thin authorised pass-through to the owning services (prices → lessons, rates and
payroll → teachers); the payroll sheet's bytes are passed on as the owner streamed them."""

from __future__ import annotations

from typing import Any

import httpx

from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..clients.teachers import TeachersClient
from ..downstream import Caller
from ..schemas import LedgerEntry, LessonPackage
from .errors import PackageNotFound
from .schemas import DebtReminder, PayrollPayment, PriceList, Rate


async def get_prices(caller: Caller) -> PriceList:
    return await LessonsClient(caller).prices()


async def set_prices(caller: Caller, data: dict[str, Any]) -> PriceList:
    return await LessonsClient(caller).set_prices(data)


async def list_rates(caller: Caller, teacher_id: str) -> list[Rate]:
    return await TeachersClient(caller).rates(teacher_id)


async def set_rate(caller: Caller, teacher_id: str, data: dict[str, Any]) -> list[Rate]:
    return await TeachersClient(caller).set_rate(teacher_id, data)


async def get_payroll(caller: Caller, month: str) -> dict[str, Any]:
    """The studio payroll, each teacher's block named as the contract has it."""
    payroll = await TeachersClient(caller).studio_payroll(month)
    return {
        "month": payroll.month,
        "total": payroll.total,
        "teachers": [
            {
                "teacher": {"id": row.teacher_id, "first_name": row.first_name, "last_name": row.last_name},
                "lessons": row.lessons,
                "rate_missing": row.rate_missing,
                "lines": row.lines,
                "total": row.total,
                "paid": row.paid,
            }
            for row in payroll.teachers
        ],
    }


async def download_payroll(caller: Caller, month: str, sheet_format: str) -> httpx.Response:
    return await TeachersClient(caller).payroll_sheet(month, sheet_format)


async def mark_payroll_paid(caller: Caller, month: str, teacher_id: str) -> PayrollPayment:
    return await TeachersClient(caller).mark_paid(month, teacher_id)


async def record_refund(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[LedgerEntry, bool]:
    """Money returned to the student, once per Idempotency-Key. Returns (entry, replayed)."""
    body = {"amount_minor": data["amount_minor"], "method": data["method"], "comment": data["reason"]}
    return await StudentsClient(caller).ledger_write(student_id, "refunds", body, idempotency_key=idempotency_key)


async def record_adjustment(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[LedgerEntry, bool]:
    """A signed correction with its reason, once per Idempotency-Key. Returns (entry, replayed)."""
    body = {"amount_minor": data["amount_minor"], "comment": data["reason"]}
    return await StudentsClient(caller).ledger_write(student_id, "adjustments", body, idempotency_key=idempotency_key)


async def _own_package(caller: Caller, student_id: str, package_id: str) -> None:
    """The package must be this student's: the path names both."""
    packages = await StudentsClient(caller).packages(student_id)
    if not any(str(package.id) == package_id for package in packages):
        raise PackageNotFound()


async def freeze_package(caller: Caller, student_id: str, package_id: str, until: str) -> LessonPackage:
    await _own_package(caller, student_id, package_id)
    return await StudentsClient(caller).freeze_package(package_id, until)


async def unfreeze_package(caller: Caller, student_id: str, package_id: str) -> LessonPackage:
    await _own_package(caller, student_id, package_id)
    return await StudentsClient(caller).unfreeze_package(package_id)


async def list_debts(caller: Caller) -> dict[str, Any]:
    """Students with a negative balance or a package ending within 7 days, most indebted first."""
    debts = await StudentsClient(caller).debts()
    return {
        "ending_within_days": debts.ending_within_days,
        "items": [
            {**item.model_dump(), "balance": {"amount_minor": item.balance_minor, "currency": item.currency}}
            for item in debts.items
        ],
    }


async def remind_debtor(caller: Caller, student_id: str) -> tuple[DebtReminder, bool]:
    """Send one reminder a day; returns (reminder, replayed)."""
    return await StudentsClient(caller).remind_debtor(student_id)
