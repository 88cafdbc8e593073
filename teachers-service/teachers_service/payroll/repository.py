"""SQL for payroll lines."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PayrollLine, PayrollPayment


async def add_line_once(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert unless the lesson already has its line; returns whether it was new."""
    inserted = await session.scalar(
        pg_insert(PayrollLine)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["lesson_id"])
        .returning(PayrollLine.id)
    )
    return inserted is not None


async def has_line(session: AsyncSession, lesson_id: uuid.UUID) -> bool:
    return await session.scalar(select(PayrollLine.id).where(PayrollLine.lesson_id == lesson_id)) is not None


async def lines_between(
    session: AsyncSession, start: datetime, end: datetime, teacher_id: uuid.UUID | None = None
) -> list[PayrollLine]:
    query = select(PayrollLine).where(PayrollLine.starts_at >= start, PayrollLine.starts_at < end)
    if teacher_id is not None:
        query = query.where(PayrollLine.teacher_id == teacher_id)
    return list((await session.scalars(query.order_by(PayrollLine.starts_at, PayrollLine.id))).all())


def _month_of(timezone: str) -> ColumnElement[str]:
    return func.to_char(func.timezone(timezone, PayrollLine.starts_at), "YYYY-MM")


async def open_lines_from(
    session: AsyncSession, teacher_id: uuid.UUID, kind: str, start: datetime, timezone: str
) -> list[PayrollLine]:
    """The teacher's lines of a kind from a moment on, in months not yet marked paid, locked for update."""
    paid_months = select(PayrollPayment.month).where(PayrollPayment.teacher_id == teacher_id)
    query = (
        select(PayrollLine)
        .where(
            PayrollLine.teacher_id == teacher_id,
            PayrollLine.kind == kind,
            PayrollLine.starts_at >= start,
            _month_of(timezone).not_in(paid_months),
        )
        .order_by(PayrollLine.starts_at)
        .with_for_update()
    )
    return list((await session.scalars(query)).all())


async def lock_teacher_month(session: AsyncSession, teacher_id: uuid.UUID, month: str) -> None:
    """Serialise marking a month paid with rate changes recomputing it."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"payroll:{teacher_id}:{month}"))))


async def get_payment(session: AsyncSession, teacher_id: uuid.UUID, month: str) -> PayrollPayment | None:
    return await session.get(PayrollPayment, (teacher_id, month))


async def add_payment_once(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(
        pg_insert(PayrollPayment).values(**values).on_conflict_do_nothing(index_elements=["teacher_id", "month"])
    )


async def payments_for_month(session: AsyncSession, month: str) -> list[PayrollPayment]:
    return list((await session.scalars(select(PayrollPayment).where(PayrollPayment.month == month))).all())
