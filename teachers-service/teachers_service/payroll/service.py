"""Payroll rules: one line per completed lesson at the rate in force on the lesson's date."""

import uuid
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..rates import service as rate_service
from ..teachers import repository as teacher_repository
from . import repository as payroll_repository
from .schemas import (
    LessonCompleted,
    Money,
    PayrollLineRead,
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
    """Every teacher's total for a month, for the studio's books."""
    if principal.role != "admin":
        raise Forbidden("Only admins see the studio payroll.")
    start, end = month_bounds(month, timezone)
    lines = await payroll_repository.lines_between(session, start, end)
    per_teacher: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0, 0])
    for line in lines:
        totals = per_teacher[line.teacher_id]
        totals[0] += 1
        totals[1] += int(line.rate_missing)
        totals[2] += line.amount_minor
    teachers = {t.id: t for t in await teacher_repository.list_teachers_by_ids(session, list(per_teacher))}
    summaries = [
        TeacherPayrollSummary(
            teacher_id=teacher_id,
            first_name=teachers[teacher_id].first_name if teacher_id in teachers else None,
            last_name=teachers[teacher_id].last_name if teacher_id in teachers else None,
            lessons=count,
            rate_missing=missing,
            total=Money(amount_minor=amount, currency=currency),
        )
        for teacher_id, (count, missing, amount) in per_teacher.items()
    ]
    summaries.sort(key=lambda s: (s.last_name or "", s.first_name or "", str(s.teacher_id)))
    return StudioPayroll(
        month=month,
        teachers=summaries,
        total=Money(amount_minor=sum(line.amount_minor for line in lines), currency=currency),
    )
