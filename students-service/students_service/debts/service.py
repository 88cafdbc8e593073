"""The debts list: students with a negative balance or a usable package ending within the window,
most indebted first."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox
from ..events.published import DebtReminded, EndingPackageItem
from ..ledger import repository as ledger_repository
from ..ledger import service as ledger_service
from ..packages.service import today_in
from . import repository as debt_repository
from .errors import NothingOwed
from .models import DebtReminder
from .schemas import DebtList, DebtRead, DebtReason, EndingPackage, ReminderRead


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
    reminded = await debt_repository.last_reminders(session, ids) if ids else {}
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
                reminded_on=reminded.get(student.id),
            )
        )
    items.sort(key=lambda item: (item.balance_minor, item.last_name, item.first_name, str(item.student_id)))
    return DebtList(ending_within_days=days, items=items)


@dataclass(frozen=True)
class Reminded:
    reminder: ReminderRead
    replayed: bool


async def remind(
    session: AsyncSession, student_id: uuid.UUID, *, days: int, currency: str, timezone: str, actor: str
) -> Reminded:
    """Send the student one reminder of what they owe; again the same studio day: the same reminder,
    and nothing is sent (the button is safe to press twice, and a desk cannot spam a student)."""
    today = today_in(timezone)
    await ledger_service.lock_student(session, student_id)
    if (existing := await debt_repository.get_reminder(session, student_id, today)) is not None:
        return Reminded(ReminderRead.model_validate(existing), replayed=True)
    balance = await ledger_repository.balance_of(session, student_id)
    ending = [
        package
        for package in await debt_repository.packages_ending(session, today, today + timedelta(days=days))
        if package.student_id == student_id
    ]
    if balance >= 0 and not ending:
        raise NothingOwed()
    reminder = await debt_repository.add_reminder(
        session, DebtReminder(student_id=student_id, reminded_on=today, balance_minor=balance, created_by=actor)
    )
    await outbox.add(
        session,
        DebtReminded(
            student_id=student_id,
            reminded_on=today,
            balance_minor=balance,
            currency=currency,
            packages_ending=[
                EndingPackageItem(
                    package_id=package.id,
                    valid_until=package.valid_until,
                    lessons_left=package.lessons_total - package.lessons_used,
                )
                for package in ending
            ],
        ),
    )
    return Reminded(ReminderRead.model_validate(reminder), replayed=False)
