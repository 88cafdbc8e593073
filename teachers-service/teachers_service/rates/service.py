"""Rate rules: history is append-only, and only admins or the teacher themself may read it. A rate
that starts on a past date re-prices that teacher's lines of its kind in the months not yet paid."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..payroll import repository as payroll_repository
from ..teachers import repository as teacher_repository
from ..teachers.errors import TeacherNotFound
from . import repository as rate_repository
from .errors import CurrencyNotSupported, RateExists
from .models import TeacherRate
from .schemas import LESSON_KINDS, RateCreate, RateSet


def ensure_own_or_admin(principal: Principal, teacher_id: uuid.UUID) -> None:
    if principal.role == "admin":
        return
    if principal.role == "teacher" and principal.subject == str(teacher_id):
        return
    raise Forbidden("Only admins and the teacher themself can see this.")


async def list_rates(session: AsyncSession, teacher_id: uuid.UUID, principal: Principal) -> list[TeacherRate]:
    """Every rate ever set for the teacher, newest first per kind."""
    ensure_own_or_admin(principal, teacher_id)
    if await teacher_repository.get_teacher(session, teacher_id) is None:
        raise TeacherNotFound()
    return await rate_repository.list_rates(session, teacher_id)


async def add_rate(
    session: AsyncSession, teacher_id: uuid.UUID, data: RateCreate, actor: str, currency: str, timezone: str
) -> TeacherRate:
    """Add a rate from a date on; earlier rates stay for the lessons before it."""
    if await teacher_repository.get_teacher(session, teacher_id) is None:
        raise TeacherNotFound()
    if data.currency not in (None, currency):
        raise CurrencyNotSupported(f"The studio pays in {currency}.")
    rate = await _add(session, teacher_id, data.kind, data.amount_minor, data.effective_from, actor, currency)
    await reprice_open_lines(session, teacher_id, data.kind, data.effective_from, timezone)
    return rate


async def set_rate(
    session: AsyncSession, teacher_id: uuid.UUID, data: RateSet, actor: str, currency: str, timezone: str
) -> list[TeacherRate]:
    """Set one per-lesson rate from a date on for every kind asked (all kinds by default), in one go."""
    if await teacher_repository.get_teacher(session, teacher_id) is None:
        raise TeacherNotFound()
    rates = []
    for kind in data.kinds or LESSON_KINDS:
        rates.append(await _add(session, teacher_id, kind, data.amount_minor, data.valid_from, actor, currency))
        await reprice_open_lines(session, teacher_id, kind, data.valid_from, timezone)
    return rates


async def reprice_open_lines(
    session: AsyncSession, teacher_id: uuid.UUID, kind: str, effective_from: date, timezone: str
) -> int:
    """Re-price the teacher's lines of a kind from a date on, in months not yet paid; returns how many changed."""
    start = datetime.combine(effective_from, datetime.min.time(), ZoneInfo(timezone))
    changed = 0
    for line in await payroll_repository.open_lines_from(session, teacher_id, kind, start, timezone):
        rate = await rate_repository.rate_on(
            session, teacher_id, kind, line.starts_at.astimezone(ZoneInfo(timezone)).date()
        )
        if rate is None or rate.id == line.rate_id:
            continue
        line.amount_minor = rate.amount_minor
        line.currency = rate.currency
        line.rate_id = rate.id
        line.rate_missing = False
        changed += 1
    await session.flush()
    return changed


async def _add(
    session: AsyncSession,
    teacher_id: uuid.UUID,
    kind: str,
    amount_minor: int,
    effective_from: date,
    actor: str,
    currency: str,
) -> TeacherRate:
    rate = TeacherRate(
        teacher_id=teacher_id,
        kind=kind,
        amount_minor=amount_minor,
        currency=currency,
        effective_from=effective_from,
        created_by=actor,
    )
    try:
        async with session.begin_nested():
            await rate_repository.add_rate(session, rate)
    except IntegrityError as exc:
        raise RateExists() from exc
    return rate


async def rate_on(session: AsyncSession, teacher_id: uuid.UUID, kind: str, on_date: date) -> TeacherRate | None:
    return await rate_repository.rate_on(session, teacher_id, kind, on_date)
