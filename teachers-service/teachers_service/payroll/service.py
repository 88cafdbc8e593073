"""Payroll rules: one line per completed lesson at the rate in force on the lesson's date."""

import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..database import audit
from ..rates import service as rate_service
from ..teachers import repository as teacher_repository
from ..teachers.errors import TeacherNotFound
from . import repository as payroll_repository
from .errors import NothingToPay
from .models import PayrollLine
from .schemas import (
    LessonCompleted,
    Money,
    PayrollLineRead,
    PayrollPaymentRead,
    StudioPayroll,
    TeacherPayroll,
    TeacherPayrollSummary,
)

PRESENT = frozenset({"present", "late"})


async def record_lesson(session: AsyncSession, data: LessonCompleted, currency: str, timezone: str) -> bool:
    """Add the lesson's payroll line once; a lesson without a rate is paid 0 and flagged."""
    if await payroll_repository.has_line(session, data.lesson_id):
        return False
    lesson_date = data.starts_at.astimezone(ZoneInfo(timezone)).date()
    rate = await rate_service.rate_on(session, data.teacher_id, data.kind, lesson_date)
    return await payroll_repository.add_line_once(
        session,
        {
            "lesson_id": data.lesson_id,
            "teacher_id": data.teacher_id,
            "kind": data.kind,
            "starts_at": data.starts_at,
            "duration_minutes": data.duration_minutes,
            "students_present": sum(1 for row in data.attendance if row.status in PRESENT),
            "amount_minor": rate.amount_minor if rate else 0,
            "currency": rate.currency if rate else currency,
            "rate_id": rate.id if rate else None,
            "rate_missing": rate is None,
        },
    )


def month_bounds(month: str, timezone: str) -> tuple[datetime, datetime]:
    year, number = (int(part) for part in month.split("-"))
    zone = ZoneInfo(timezone)
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return start, end


async def teacher_payroll(
    session: AsyncSession, teacher_id: uuid.UUID, month: str, principal: Principal, currency: str, timezone: str
) -> TeacherPayroll:
    """A teacher's lines for a month (studio time) and their total."""
    rate_service.ensure_own_or_admin(principal, teacher_id)
    start, end = month_bounds(month, timezone)
    lines = await payroll_repository.lines_between(session, start, end, teacher_id)
    return TeacherPayroll(
        teacher_id=teacher_id,
        month=month,
        lines=[PayrollLineRead.model_validate(line) for line in lines],
        total=Money(amount_minor=sum(line.amount_minor for line in lines), currency=currency),
    )


async def studio_payroll(
    session: AsyncSession, month: str, principal: Principal, currency: str, timezone: str
) -> StudioPayroll:
    """Every teacher's lines and total for a month, and whether it was paid, for the studio's books."""
    if principal.role != "admin":
        raise Forbidden("Only admins see the studio payroll.")
    start, end = month_bounds(month, timezone)
    lines = await payroll_repository.lines_between(session, start, end)
    per_teacher: dict[uuid.UUID, list[PayrollLine]] = defaultdict(list)
    for line in lines:
        per_teacher[line.teacher_id].append(line)
    teachers = {t.id: t for t in await teacher_repository.list_teachers_by_ids(session, list(per_teacher))}
    payments = {p.teacher_id: p for p in await payroll_repository.payments_for_month(session, month)}
    summaries = [
        TeacherPayrollSummary(
            teacher_id=teacher_id,
            first_name=teachers[teacher_id].first_name if teacher_id in teachers else None,
            last_name=teachers[teacher_id].last_name if teacher_id in teachers else None,
            lessons=len(own),
            rate_missing=sum(1 for line in own if line.rate_missing),
            total=Money(amount_minor=sum(line.amount_minor for line in own), currency=currency),
            lines=[PayrollLineRead.model_validate(line) for line in own],
            paid=PayrollPaymentRead.model_validate(payments[teacher_id]) if teacher_id in payments else None,
        )
        for teacher_id, own in per_teacher.items()
    ]
    summaries.sort(key=lambda s: (s.last_name or "", s.first_name or "", str(s.teacher_id)))
    return StudioPayroll(
        month=month,
        teachers=summaries,
        total=Money(amount_minor=sum(line.amount_minor for line in lines), currency=currency),
    )


async def mark_paid(
    session: AsyncSession,
    teacher_id: uuid.UUID,
    month: str,
    actor: str,
    currency: str,
    timezone: str,
    *,
    principal: Principal | None = None,
) -> PayrollPaymentRead:
    """Mark a teacher's month paid at its current total; marking again answers the first record.
    From then on a back-dated rate no longer re-prices that month. The first marking by `principal`
    is recorded in the audit trail; marking again is not a new write."""
    await payroll_repository.lock_teacher_month(session, teacher_id, month)
    existing = await payroll_repository.get_payment(session, teacher_id, month)
    if existing is None:
        if await teacher_repository.get_teacher(session, teacher_id) is None:
            raise TeacherNotFound()
        start, end = month_bounds(month, timezone)
        lines = await payroll_repository.lines_between(session, start, end, teacher_id)
        if not lines:
            raise NothingToPay(f"No lessons to pay in {month}.")
        await payroll_repository.add_payment_once(
            session,
            {
                "teacher_id": teacher_id,
                "month": month,
                "amount_minor": sum(line.amount_minor for line in lines),
                "lessons": len(lines),
                "currency": currency,
                "paid_by": actor,
            },
        )
        existing = await payroll_repository.get_payment(session, teacher_id, month)
        if principal is not None and existing is not None:
            summary = {"month": month, "amount_minor": existing.amount_minor, "lessons": existing.lessons}
            await audit.record(session, principal, "payroll.paid", ("teacher", teacher_id), summary)
    return PayrollPaymentRead.model_validate(existing)


SHEET_COLUMNS = (
    "teacher",
    "teacher_id",
    "date",
    "time",
    "kind",
    "duration_minutes",
    "students_present",
    "rate_missing",
    "amount_minor",
    "amount",
    "currency",
    "lesson_id",
)


def sheet_rows(payroll: StudioPayroll, timezone: str) -> Iterator[list[Any]]:
    """The payroll sheet: a header, every line, a total per teacher and the studio total.
    `amount` is in major units (two decimals), exact from the integer minor units."""
    zone = ZoneInfo(timezone)
    yield list(SHEET_COLUMNS)
    for teacher in payroll.teachers:
        name = " ".join(part for part in (teacher.first_name, teacher.last_name) if part) or str(teacher.teacher_id)
        for line in teacher.lines:
            local = line.starts_at.astimezone(zone)
            yield [
                name,
                str(teacher.teacher_id),
                local.date().isoformat(),
                local.strftime("%H:%M"),
                line.kind,
                line.duration_minutes,
                line.students_present,
                "yes" if line.rate_missing else "",
                line.amount_minor,
                Decimal(line.amount_minor) / 100,
                line.currency,
                str(line.lesson_id),
            ]
        yield [
            f"{name}: total",
            str(teacher.teacher_id),
            "",
            "",
            "",
            "",
            "",
            "",
            teacher.total.amount_minor,
            Decimal(teacher.total.amount_minor) / 100,
            teacher.total.currency,
            "",
        ]
    total = payroll.total
    yield [
        "total",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        total.amount_minor,
        Decimal(total.amount_minor) / 100,
        total.currency,
        "",
    ]
