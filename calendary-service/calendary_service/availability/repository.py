"""All SQL of availability rules, exceptions and time off."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AvailabilityException, AvailabilityRule, TeacherCalendar, TimeOff


async def get_calendar(session: AsyncSession, teacher_id: uuid.UUID) -> TeacherCalendar | None:
    return await session.get(TeacherCalendar, teacher_id)


async def upsert_calendar(session: AsyncSession, teacher_id: uuid.UUID, timezone: str) -> None:
    statement = insert(TeacherCalendar).values(teacher_id=teacher_id, timezone=timezone)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[TeacherCalendar.teacher_id],
            set_={"timezone": statement.excluded.timezone, "updated_at": statement.excluded.updated_at},
        )
    )


async def ensure_calendar(session: AsyncSession, teacher_id: uuid.UUID, timezone: str) -> None:
    await session.execute(
        insert(TeacherCalendar)
        .values(teacher_id=teacher_id, timezone=timezone)
        .on_conflict_do_nothing(index_elements=[TeacherCalendar.teacher_id])
    )


async def list_rules(session: AsyncSession, teacher_id: uuid.UUID, valid_after: date) -> Sequence[AvailabilityRule]:
    result = await session.scalars(
        select(AvailabilityRule)
        .where(
            AvailabilityRule.teacher_id == teacher_id,
            or_(AvailabilityRule.effective_to.is_(None), AvailabilityRule.effective_to > valid_after),
        )
        .order_by(AvailabilityRule.effective_from.nulls_first(), AvailabilityRule.weekday, AvailabilityRule.start_time)
    )
    return result.all()


async def delete_rules(session: AsyncSession, teacher_id: uuid.UUID, starting_on: date | None = None) -> None:
    statement = delete(AvailabilityRule).where(AvailabilityRule.teacher_id == teacher_id)
    if starting_on is not None:
        statement = statement.where(AvailabilityRule.effective_from >= starting_on)
    await session.execute(statement)


async def end_rules_before(session: AsyncSession, teacher_id: uuid.UUID, day: date) -> None:
    """Rules still valid on `day` stop applying from it on."""
    await session.execute(
        update(AvailabilityRule)
        .where(
            AvailabilityRule.teacher_id == teacher_id,
            or_(AvailabilityRule.effective_to.is_(None), AvailabilityRule.effective_to > day),
        )
        .values(effective_to=day)
    )


async def add_rules(session: AsyncSession, rules: Sequence[AvailabilityRule]) -> None:
    session.add_all(rules)
    await session.flush()


async def list_exceptions(
    session: AsyncSession, teacher_id: uuid.UUID, from_day: date
) -> Sequence[AvailabilityException]:
    result = await session.scalars(
        select(AvailabilityException)
        .where(AvailabilityException.teacher_id == teacher_id, AvailabilityException.exception_date >= from_day)
        .order_by(AvailabilityException.exception_date, AvailabilityException.start_time.nulls_first())
    )
    return result.all()


async def add_exception(session: AsyncSession, exception: AvailabilityException) -> AvailabilityException:
    session.add(exception)
    await session.flush()
    return exception


async def delete_exception(session: AsyncSession, teacher_id: uuid.UUID, exception_id: uuid.UUID) -> bool:
    result = await session.execute(
        delete(AvailabilityException)
        .where(AvailabilityException.id == exception_id, AvailabilityException.teacher_id == teacher_id)
        .returning(AvailabilityException.id)
    )
    return result.first() is not None


async def list_time_off(
    session: AsyncSession, teacher_id: uuid.UUID, ends_after: datetime, starts_before: datetime | None = None
) -> Sequence[TimeOff]:
    statement = select(TimeOff).where(TimeOff.teacher_id == teacher_id, TimeOff.ends_at > ends_after)
    if starts_before is not None:
        statement = statement.where(TimeOff.starts_at < starts_before)
    result = await session.scalars(statement.order_by(TimeOff.starts_at))
    return result.all()


async def add_time_off(session: AsyncSession, time_off: TimeOff) -> TimeOff:
    session.add(time_off)
    await session.flush()
    return time_off


async def delete_time_off(session: AsyncSession, teacher_id: uuid.UUID, time_off_id: uuid.UUID) -> bool:
    result = await session.execute(
        delete(TimeOff).where(TimeOff.id == time_off_id, TimeOff.teacher_id == teacher_id).returning(TimeOff.id)
    )
    return result.first() is not None
