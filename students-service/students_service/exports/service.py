"""The exports' rows: a header, one row per record as the cursor yields it, and a total row whose
figures are summed on the way (so the total always matches the rows above it)."""

from collections.abc import AsyncIterator, Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import Database

from . import repository as export_repository

ExportKind = Literal["payments", "ledger", "students"]
Local = Callable[[datetime], str]


def major(amount_minor: int) -> Decimal:
    """Minor units as the amount a person reads (the studio's currencies have two decimals)."""
    return Decimal(amount_minor).scaleb(-2)


def full_name(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name}".strip()


async def export_rows(
    database: Database, kind: ExportKind, start: datetime, end: datetime, timezone: str, currency: str
) -> AsyncIterator[list[Any]]:
    """The sheet's rows, read in one snapshot so the total row agrees with the rows."""
    zone = ZoneInfo(timezone)

    def local(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    async with database.sessionmaker() as session:
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        async for row in WRITERS[kind](session, start, end, local, currency):
            yield row
        await session.rollback()


async def _payments(
    session: AsyncSession, start: datetime, end: datetime, local: Local, currency: str
) -> AsyncIterator[list[Any]]:
    yield [
        "date",
        "student_id",
        "student",
        "kind",
        "method",
        "amount",
        "amount_minor",
        "currency",
        "comment",
        "entry_id",
    ]
    total = 0
    async for entry, first_name, last_name in export_repository.payments(session, start, end):
        total += entry.amount_minor
        yield [
            local(entry.created_at),
            str(entry.student_id),
            full_name(first_name, last_name),
            entry.kind,
            entry.method or "",
            major(entry.amount_minor),
            entry.amount_minor,
            entry.currency,
            entry.description,
            str(entry.id),
        ]
    yield ["total", "", "", "", "", major(total), total, currency, "", ""]


async def _ledger(
    session: AsyncSession, start: datetime, end: datetime, local: Local, currency: str
) -> AsyncIterator[list[Any]]:
    yield [
        "date",
        "student_id",
        "student",
        "kind",
        "method",
        "amount",
        "amount_minor",
        "balance_after_minor",
        "currency",
        "description",
        "lesson_id",
        "package_id",
        "entry_id",
    ]
    total = 0
    async for entry, first_name, last_name, balance_after in export_repository.ledger(session, start, end):
        total += entry.amount_minor
        yield [
            local(entry.created_at),
            str(entry.student_id),
            full_name(first_name, last_name),
            entry.kind,
            entry.method or "",
            major(entry.amount_minor),
            entry.amount_minor,
            int(balance_after),
            entry.currency,
            entry.description,
            str(entry.lesson_id or ""),
            str(entry.package_id or ""),
            str(entry.id),
        ]
    yield ["total", "", "", "", "", major(total), total, "", currency, "", "", "", ""]


async def _students(
    session: AsyncSession, start: datetime, end: datetime, local: Local, currency: str
) -> AsyncIterator[list[Any]]:
    yield [
        "student_id",
        "student",
        "email",
        "phone",
        "status",
        "level",
        "created",
        "opening_balance_minor",
        "paid_minor",
        "charged_and_other_minor",
        "closing_balance_minor",
        "currency",
    ]
    totals = [0, 0, 0, 0]
    async for student, *figures in export_repository.students(session, start, end):
        amounts = [int(value) for value in figures]
        totals = [total + amount for total, amount in zip(totals, amounts, strict=True)]
        yield [
            str(student.id),
            full_name(student.first_name, student.last_name),
            student.email or "",
            student.phone or "",
            student.status,
            student.level or "",
            local(student.created_at),
            *amounts,
            currency,
        ]
    yield ["total", "", "", "", "", "", "", *totals, currency]


WRITERS: dict[str, Callable[[AsyncSession, datetime, datetime, Local, str], AsyncIterator[list[Any]]]] = {
    "payments": _payments,
    "ledger": _ledger,
    "students": _students,
}


def month_starts(today: date, months: int) -> list[date]:
    """The first days of the last `months` months, oldest first, this month last."""
    index = today.year * 12 + today.month - 1
    return [date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(months - 1, -1, -1)]


async def cash_by_month(session: AsyncSession, months: int, timezone: str, currency: str) -> list[dict[str, Any]]:
    """Money received (payments) and returned (refunds) per studio month, oldest first."""
    zone = ZoneInfo(timezone)
    starts = month_starts(datetime.now(zone).date(), months)
    since = datetime.combine(starts[0], time(), zone)
    figures = await export_repository.cash_by_month(session, since, timezone)
    result = []
    for start in starts:
        paid, refunded = figures.get(f"{start:%Y-%m}", (0, 0))
        result.append(
            {"month": f"{start:%Y-%m}", "received_minor": paid, "refunded_minor": -refunded, "currency": currency}
        )
    return result
