"""The debts list: students with a negative balance or a usable package ending within the window,
most indebted first."""

import uuid
from collections import defaultdict
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from ..packages.service import today_in
from . import repository as debt_repository
from .schemas import DebtList, DebtRead, DebtReason, EndingPackage


async def list_debts(session: AsyncSession, *, days: int, currency: str, timezone: str) -> DebtList:
    today = today_in(timezone)
    negative = await debt_repository.negative_balances(session)
    ending: dict[uuid.UUID, list[EndingPackage]] = defaultdict(list)
    for package in await debt_repository.packages_ending(session, today, today + timedelta(days=days)):
        ending[package.student_id].append(
            EndingPackage(
                id=package.id,
                valid_until=package.valid_until,
                lessons_left=package.lessons_total - package.lessons_used,
            )
        )
    ids = list(set(negative) | set(ending))
    balances = await debt_repository.balances_of(session, ids) if ids else {}
    items = []
    for student in await debt_repository.students_by_ids(session, ids) if ids else []:
        reasons: list[DebtReason] = []
        if student.id in negative:
            reasons.append("negative_balance")
        if student.id in ending:
            reasons.append("package_ending")
        items.append(
            DebtRead(
                student_id=student.id,
                first_name=student.first_name,
                last_name=student.last_name,
                email=student.email,
                phone=student.phone,
                balance_minor=balances.get(student.id, 0),
                currency=currency,
                reasons=reasons,
                packages_ending=ending.get(student.id, []),
            )
        )
    items.sort(key=lambda item: (item.balance_minor, item.last_name, item.first_name, str(item.student_id)))
    return DebtList(ending_within_days=days, items=items)
