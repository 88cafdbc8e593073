"""Make-up rules. An excused absence (an `excused` mark, or a student's late cancel made at least
the policy's notice before the start) either returns the lesson to the package (nothing is taken
or charged) or takes the prepaid package lesson like an absence and grants one make-up credit, which
pays for a later lesson the student or the desk books with it. Without a usable package nothing is
taken or granted. One attendance event gives at most one credit."""

import uuid
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from ..ledger import service as ledger_service
from ..packages import repository as package_repository
from ..packages.models import PackageUsage
from ..packages.reminders import ReminderPolicy, check_lessons_left
from . import repository as makeup_repository
from .errors import MakeupCreditUnavailable
from .models import MakeupCredit, MakeupPolicy
from .schemas import CreditList, CreditRead, PolicyRead, PolicyUpdate

DEFAULT_POLICY = PolicyRead(mode="return_to_package", notice_hours=0)
Reason = Literal["excused", "late_cancel"]


async def get_policy(session: AsyncSession) -> PolicyRead:
    row = await makeup_repository.get_policy(session)
    if row is None:
        return DEFAULT_POLICY
    return PolicyRead(mode=row.mode, notice_hours=row.notice_hours, updated_at=row.updated_at)


async def set_policy(session: AsyncSession, data: PolicyUpdate, actor: str) -> PolicyRead:
    row = await makeup_repository.get_policy(session)
    if row is None:
        row = MakeupPolicy(id=1, mode=data.mode, notice_hours=data.notice_hours, updated_by=actor)
        session.add(row)
    else:
        row.mode, row.notice_hours, row.updated_by = data.mode, data.notice_hours, actor
    await session.flush()
    await session.refresh(row)
    return await get_policy(session)


async def list_credits(session: AsyncSession, student_id: uuid.UUID) -> CreditList:
    return CreditList.of(await makeup_repository.list_credits(session, student_id))


def cancel_is_excused(policy: PolicyRead, starts_at: datetime, cancelled_at: datetime) -> bool:
    """A late cancel still counts as excused when made at least `notice_hours` before the start."""
    return policy.notice_hours > 0 and starts_at - cancelled_at >= timedelta(hours=policy.notice_hours)


async def excuse_absence(
    session: AsyncSession,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    lesson_kind: str,
    starts_at: datetime,
    reason: Reason,
    timezone: str,
    reminders: ReminderPolicy,
) -> MakeupCredit | None:
    """Apply the policy to one excused absence, once per (student, lesson)."""
    await ledger_service.lock_student(session, student_id)
    if (existing := await makeup_repository.get_for_source(session, student_id, lesson_id)) is not None:
        return existing
    if (held := await makeup_repository.get_for_use(session, student_id, lesson_id)) is not None:
        # The make-up lesson itself was missed with an excuse: its credit is free to use again.
        held.status, held.used_lesson_id = "available", None
        await session.flush()
        return None
    policy = await get_policy(session)
    lesson_date = starts_at.astimezone(ZoneInfo(timezone)).date()
    what = f"{lesson_kind.capitalize()} lesson on {lesson_date.isoformat()}"
    why = "excused absence" if reason == "excused" else "cancelled late with notice"
    package = await package_repository.find_usable_package(session, student_id, lesson_kind, lesson_date)
    if policy.mode == "makeup_credit" and package is not None:
        # The prepaid lesson is taken like an absence, and one make-up lesson is owed for it.
        package.lessons_used += 1
        await check_lessons_left(session, package, reminders)
        await package_repository.add_usage(
            session,
            PackageUsage(
                package_id=package.id,
                student_id=student_id,
                lesson_id=lesson_id,
                reason="late_cancel" if reason == "late_cancel" else "lesson_completed",
            ),
        )
        credit = MakeupCredit(
            status="available", package_id=package.id, description=f"{what}: {why}, one make-up lesson granted"
        )
    else:
        # Nothing is taken or charged: the lesson stays in the package (a pay-per-lesson student
        # simply owes nothing for it).
        credit = MakeupCredit(
            status="returned",
            package_id=package.id if package is not None else None,
            description=f"{what}: {why}, "
            + ("the lesson stays in the package" if package is not None else "not charged"),
        )
    credit.student_id, credit.source_lesson_id = student_id, lesson_id
    credit.lesson_kind, credit.lesson_date, credit.reason = lesson_kind, lesson_date, reason
    return await makeup_repository.add(session, credit)


async def use_credit(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> CreditRead:
    """Hold the oldest available credit for a booked lesson; again for the same lesson: the same credit."""
    await ledger_service.lock_student(session, student_id)
    credit = await makeup_repository.get_for_use(session, student_id, lesson_id)
    if credit is None:
        credit = await makeup_repository.oldest_available(session, student_id)
        if credit is None:
            raise MakeupCreditUnavailable()
        credit.status, credit.used_lesson_id = "reserved", lesson_id
        await session.flush()
        await session.refresh(credit)
    return CreditRead.model_validate(credit)


async def settle_with_credit(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> bool:
    """A lesson booked with a credit is paid by it: no package lesson, no charge. True when it was."""
    await ledger_service.lock_student(session, student_id)
    credit = await makeup_repository.get_for_use(session, student_id, lesson_id)
    if credit is None:
        return False
    credit.status = "used"
    await session.flush()
    return True


async def release_credit(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> None:
    """A make-up lesson cancelled in time gives its credit back."""
    await ledger_service.lock_student(session, student_id)
    credit = await makeup_repository.get_for_use(session, student_id, lesson_id)
    if credit is not None and credit.status == "reserved":
        credit.status, credit.used_lesson_id = "available", None
        await session.flush()
