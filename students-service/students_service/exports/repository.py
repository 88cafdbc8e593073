"""SQL of the exports. Every query is streamed through a server-side cursor (`yield_per`), so a
year of a large studio is read a batch at a time, never loaded at once."""

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import Executable, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..ledger.models import LedgerEntry
from ..students.models import Student

BATCH = 1000


async def _stream(session: AsyncSession, query: Executable) -> AsyncIterator[Any]:
    result = await session.stream(query.execution_options(yield_per=BATCH))
    async for row in result:
        yield row


def payments(session: AsyncSession, start: datetime, end: datetime) -> AsyncIterator[Any]:
    """Money received and returned (payments and refunds) in [start, end), oldest first."""
    query = (
        select(LedgerEntry, Student.first_name, Student.last_name)
        .join(Student, Student.id == LedgerEntry.student_id)
        .where(
            LedgerEntry.kind.in_(("payment", "refund")),
            LedgerEntry.created_at >= start,
            LedgerEntry.created_at < end,
        )
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    )
    return _stream(session, query)


def ledger(session: AsyncSession, start: datetime, end: datetime) -> AsyncIterator[Any]:
    """Every ledger entry in [start, end) with the student's balance after it (all history counted)."""
    balance_after = (
        func.sum(LedgerEntry.amount_minor)
        .over(partition_by=LedgerEntry.student_id, order_by=(LedgerEntry.created_at, LedgerEntry.id))
        .label("balance_after_minor")
    )
    running = (
        select(LedgerEntry.id.label("entry_id"), balance_after).where(LedgerEntry.created_at < end).subquery("running")
    )
    query = (
        select(LedgerEntry, Student.first_name, Student.last_name, running.c.balance_after_minor)
        .join(running, running.c.entry_id == LedgerEntry.id)
        .join(Student, Student.id == LedgerEntry.student_id)
        .where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    )
    return _stream(session, query)


def students(session: AsyncSession, start: datetime, end: datetime) -> AsyncIterator[Any]:
    """Every student who existed by `end`, with the range's payments, charges and the closing balance."""
    in_range = and_(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
    figures = (
        select(
            LedgerEntry.student_id.label("student_id"),
            func.coalesce(func.sum(LedgerEntry.amount_minor).filter(LedgerEntry.created_at < start), 0).label(
                "opening_minor"
            ),
            func.coalesce(func.sum(LedgerEntry.amount_minor).filter(in_range, LedgerEntry.kind == "payment"), 0).label(
                "paid_minor"
            ),
            func.coalesce(func.sum(LedgerEntry.amount_minor).filter(in_range, LedgerEntry.kind != "payment"), 0).label(
                "other_minor"
            ),
            func.sum(LedgerEntry.amount_minor).label("closing_minor"),
        )
        .where(LedgerEntry.created_at < end)
        .group_by(LedgerEntry.student_id)
        .subquery("figures")
    )
    query = (
        select(
            Student,
            func.coalesce(figures.c.opening_minor, 0),
            func.coalesce(figures.c.paid_minor, 0),
            func.coalesce(figures.c.other_minor, 0),
            func.coalesce(figures.c.closing_minor, 0),
        )
        .outerjoin(figures, figures.c.student_id == Student.id)
        .where(Student.created_at < end)
        .order_by(Student.last_name, Student.first_name, Student.id)
    )
    return _stream(session, query)


async def cash_by_month(session: AsyncSession, since: datetime, timezone: str) -> dict[str, tuple[int, int]]:
    """Per studio month from `since`: (payments received, refunds paid out as a negative sum)."""
    month = func.to_char(func.timezone(timezone, LedgerEntry.created_at), "YYYY-MM")
    rows = await session.execute(
        select(
            month,
            func.coalesce(func.sum(LedgerEntry.amount_minor).filter(LedgerEntry.kind == "payment"), 0),
            func.coalesce(func.sum(LedgerEntry.amount_minor).filter(LedgerEntry.kind == "refund"), 0),
        )
        .where(LedgerEntry.created_at >= since, LedgerEntry.kind.in_(("payment", "refund")))
        .group_by(month)
    )
    return {str(key): (int(paid), int(refunded)) for key, paid, refunded in rows.all()}
