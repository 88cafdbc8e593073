"""SQL for the debts list: one grouped query per reason, never a row per student in Python."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..ledger.models import LedgerEntry
from ..packages.models import Package
from ..students.models import Student
from .models import DebtReminder


async def negative_balances(session: AsyncSession) -> dict[uuid.UUID, int]:
    balance = func.sum(LedgerEntry.amount_minor)
    rows = await session.execute(
        select(LedgerEntry.student_id, balance).group_by(LedgerEntry.student_id).having(balance < 0)
    )
    return {student_id: int(amount) for student_id, amount in rows.all()}


async def packages_ending(session: AsyncSession, today: date, last_day: date) -> list[Package]:
    """Usable packages (lessons left, not frozen now) whose last valid day falls in [today, last_day]."""
    query = (
        select(Package)
        .where(
            Package.valid_until >= today,
            Package.valid_until <= last_day,
            Package.lessons_used < Package.lessons_total,
            or_(Package.frozen_until.is_(None), Package.frozen_until <= today),
        )
        .order_by(Package.valid_until)
    )
    return list((await session.scalars(query)).all())


async def students_by_ids(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Student]:
    return list((await session.scalars(select(Student).where(Student.id.in_(ids)))).all())


async def balances_of(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = await session.execute(
        select(LedgerEntry.student_id, func.sum(LedgerEntry.amount_minor))
        .where(LedgerEntry.student_id.in_(ids))
        .group_by(LedgerEntry.student_id)
    )
    return {student_id: int(amount) for student_id, amount in rows.all()}


async def last_reminders(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, date]:
    rows = await session.execute(
        select(DebtReminder.student_id, func.max(DebtReminder.reminded_on))
        .where(DebtReminder.student_id.in_(ids))
        .group_by(DebtReminder.student_id)
    )
    return {row[0]: row[1] for row in rows.all()}


async def get_reminder(session: AsyncSession, student_id: uuid.UUID, day: date) -> DebtReminder | None:
    return await session.scalar(
        select(DebtReminder).where(DebtReminder.student_id == student_id, DebtReminder.reminded_on == day)
    )


async def add_reminder(session: AsyncSession, reminder: DebtReminder) -> DebtReminder:
    session.add(reminder)
    await session.flush()
    return reminder
