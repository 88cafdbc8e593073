"""Money screens: thin authorised pass-through to the owning services (prices → lessons, rates and
payroll → teachers); the payroll sheet's bytes are passed on as the owner streamed them."""

from __future__ import annotations

from typing import Any

import httpx

from ..downstream import Caller
from .errors import PackageNotFound


async def get_prices(caller: Caller) -> dict[str, Any]:
    prices: dict[str, Any] = await caller.get("lessons", "/prices")
    return prices


async def set_prices(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    prices: dict[str, Any] = await caller.put("lessons", "/prices", json=data)
    return prices


async def list_rates(caller: Caller, teacher_id: str) -> list[dict[str, Any]]:
    rates: list[dict[str, Any]] = await caller.get("teachers", f"/teachers/{teacher_id}/rates")
    return rates


async def set_rate(caller: Caller, teacher_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    rates: list[dict[str, Any]] = await caller.put("teachers", f"/teachers/{teacher_id}/rates", json=data)
    return rates


async def get_payroll(caller: Caller, month: str) -> dict[str, Any]:
    """The studio payroll, each teacher's block named as the contract has it."""
    payroll: dict[str, Any] = await caller.get("teachers", "/payroll", params={"month": month})
    return {
        "month": payroll["month"],
        "total": payroll["total"],
        "teachers": [
            {
                "teacher": {"id": row["teacher_id"], "first_name": row["first_name"], "last_name": row["last_name"]},
                "lessons": row["lessons"],
                "rate_missing": row["rate_missing"],
                "lines": row["lines"],
                "total": row["total"],
                "paid": row["paid"],
            }
            for row in payroll["teachers"]
        ],
    }


async def download_payroll(caller: Caller, month: str, sheet_format: str) -> httpx.Response:
    return await caller.send("teachers", "GET", "/payroll/sheet", params={"month": month, "format": sheet_format})


async def mark_payroll_paid(caller: Caller, month: str, teacher_id: str) -> dict[str, Any]:
    payment: dict[str, Any] = await caller.post("teachers", f"/payroll/{month}/teachers/{teacher_id}/paid")
    return payment


async def _ledger_write(
    caller: Caller, student_id: str, kind: str, body: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    entry, replayed = await caller.send_once(
        "students", f"/students/{student_id}/{kind}", json=body, idempotency_key=idempotency_key
    )
    return entry, replayed


async def record_refund(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    """Money returned to the student, once per Idempotency-Key. Returns (entry, replayed)."""
    body = {"amount_minor": data["amount_minor"], "method": data["method"], "comment": data["reason"]}
    return await _ledger_write(caller, student_id, "refunds", body, idempotency_key)


async def record_adjustment(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    """A signed correction with its reason, once per Idempotency-Key. Returns (entry, replayed)."""
    body = {"amount_minor": data["amount_minor"], "comment": data["reason"]}
    return await _ledger_write(caller, student_id, "adjustments", body, idempotency_key)


async def _own_package(caller: Caller, student_id: str, package_id: str) -> None:
    """The package must be this student's: the path names both."""
    packages: list[dict[str, Any]] = await caller.get("students", f"/students/{student_id}/packages")
    if not any(package["id"] == package_id for package in packages):
        raise PackageNotFound()


async def freeze_package(caller: Caller, student_id: str, package_id: str, until: str) -> dict[str, Any]:
    await _own_package(caller, student_id, package_id)
    package: dict[str, Any] = await caller.post("students", f"/packages/{package_id}/freeze", json={"until": until})
    return package


async def unfreeze_package(caller: Caller, student_id: str, package_id: str) -> dict[str, Any]:
    await _own_package(caller, student_id, package_id)
    package: dict[str, Any] = await caller.post("students", f"/packages/{package_id}/unfreeze")
    return package


async def list_debts(caller: Caller) -> dict[str, Any]:
    """Students with a negative balance or a package ending within 7 days, most indebted first."""
    debts: dict[str, Any] = await caller.get("students", "/debts")
    return {
        "ending_within_days": debts["ending_within_days"],
        "items": [
            {**item, "balance": {"amount_minor": item["balance_minor"], "currency": item["currency"]}}
            for item in debts["items"]
        ],
    }
