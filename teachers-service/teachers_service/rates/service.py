"""Rate rules: history is append-only, and only admins or the teacher themself may read it."""

import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..teachers import repository as teacher_repository
from ..teachers.errors import TeacherNotFound
from . import repository as rate_repository
from .errors import CurrencyNotSupported, RateExists
from .models import TeacherRate
from .schemas import RateCreate


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
    session: AsyncSession, teacher_id: uuid.UUID, data: RateCreate, actor: str, currency: str
) -> TeacherRate:
    """Add a rate from a date on; earlier rates stay for the lessons before it."""
    if await teacher_repository.get_teacher(session, teacher_id) is None:
        raise TeacherNotFound()
    if data.currency not in (None, currency):
        raise CurrencyNotSupported(f"The studio pays in {currency}.")
    rate = TeacherRate(
        teacher_id=teacher_id,
        kind=data.kind,
        amount_minor=data.amount_minor,
        currency=currency,
        effective_from=data.effective_from,
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
