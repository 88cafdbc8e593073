"""Rules for a teacher's weekly availability, date exceptions and time off."""

import itertools
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..slots import service as slot_service
from . import repository as availability_repository
from .errors import ExceptionNotFound, OverlappingRules, TimeOffNotFound
from .models import AvailabilityException, AvailabilityRule, TimeOff
from .schemas import (
    AvailabilityRead,
    AvailabilityUpdate,
    ExceptionCreate,
    ExceptionRead,
    RuleRead,
    RuleWrite,
    TimeOffCreate,
    TimeOffRead,
)


async def get_timezone(session: AsyncSession, settings: Settings, teacher_id: uuid.UUID) -> str:
    calendar = await availability_repository.get_calendar(session, teacher_id)
    return calendar.timezone if calendar else settings.calendary_default_timezone


def _today(timezone: str) -> datetime:
    return datetime.now(UTC).astimezone(ZoneInfo(timezone))


async def get_availability(session: AsyncSession, settings: Settings, teacher_id: uuid.UUID) -> AvailabilityRead:
    """The teacher's zone, current and future rules, upcoming exceptions and time off."""
    timezone = await get_timezone(session, settings, teacher_id)
    today = _today(timezone).date()
    rules = await availability_repository.list_rules(session, teacher_id, today)
    exceptions = await availability_repository.list_exceptions(session, teacher_id, today)
    time_off = await availability_repository.list_time_off(session, teacher_id, datetime.now(UTC))
    return AvailabilityRead(
        teacher_id=teacher_id,
        timezone=timezone,
        rules=[RuleRead.model_validate(rule) for rule in rules],
        exceptions=[ExceptionRead.model_validate(exception) for exception in exceptions],
        time_off=[TimeOffRead.model_validate(period) for period in time_off],
    )


def _check_no_overlap(rules: list[RuleWrite]) -> None:
    by_day: dict[int, list[RuleWrite]] = defaultdict(list)
    for rule in rules:
        by_day[rule.weekday].append(rule)
    for weekday, day_rules in by_day.items():
        day_rules.sort(key=lambda r: r.start_time)
        for before, after in itertools.pairwise(day_rules):
            if after.start_time < before.end_time:
                raise OverlappingRules(
                    f"Two intervals overlap on weekday {weekday}: "
                    f"{before.start_time:%H:%M}-{before.end_time:%H:%M} and "
                    f"{after.start_time:%H:%M}-{after.end_time:%H:%M}.",
                    weekday=weekday,
                )


async def replace_availability(
    session: AsyncSession, settings: Settings, teacher_id: uuid.UUID, data: AvailabilityUpdate
) -> AvailabilityRead:
    """Replace the weekly rules (from `effective_from` on, or entirely) and set the teacher's zone."""
    _check_no_overlap(data.rules)
    # The upsert also locks the calendar row, so two concurrent replacements cannot interleave.
    await availability_repository.upsert_calendar(session, teacher_id, data.timezone)
    if data.effective_from is None:
        await availability_repository.delete_rules(session, teacher_id)
    else:
        await availability_repository.delete_rules(session, teacher_id, starting_on=data.effective_from)
        await availability_repository.end_rules_before(session, teacher_id, data.effective_from)
    await availability_repository.add_rules(
        session,
        [
            AvailabilityRule(
                teacher_id=teacher_id,
                weekday=rule.weekday,
                start_time=rule.start_time,
                end_time=rule.end_time,
                effective_from=data.effective_from,
            )
            for rule in data.rules
        ],
    )
    slot_service.mark_changed(session, teacher_id)
    return await get_availability(session, settings, teacher_id)


async def add_exception(
    session: AsyncSession, settings: Settings, teacher_id: uuid.UUID, data: ExceptionCreate
) -> AvailabilityException:
    """Add a day off (whole or partial) or extra hours on one local date."""
    await availability_repository.ensure_calendar(session, teacher_id, settings.calendary_default_timezone)
    exception = await availability_repository.add_exception(
        session,
        AvailabilityException(
            teacher_id=teacher_id,
            exception_date=data.date,
            kind=data.kind,
            start_time=data.start_time,
            end_time=data.end_time,
        ),
    )
    slot_service.mark_changed(session, teacher_id)
    return exception


async def delete_exception(session: AsyncSession, teacher_id: uuid.UUID, exception_id: uuid.UUID) -> None:
    """Remove a date exception."""
    if not await availability_repository.delete_exception(session, teacher_id, exception_id):
        raise ExceptionNotFound()
    slot_service.mark_changed(session, teacher_id)


async def add_time_off(
    session: AsyncSession, settings: Settings, teacher_id: uuid.UUID, data: TimeOffCreate
) -> TimeOff:
    """Block an absolute period (a vacation); booked lessons in it stay and must be moved by hand."""
    await availability_repository.ensure_calendar(session, teacher_id, settings.calendary_default_timezone)
    time_off = await availability_repository.add_time_off(
        session, TimeOff(teacher_id=teacher_id, starts_at=data.starts_at, ends_at=data.ends_at, reason=data.reason)
    )
    slot_service.mark_changed(session, teacher_id)
    return time_off


async def delete_time_off(session: AsyncSession, teacher_id: uuid.UUID, time_off_id: uuid.UUID) -> None:
    """Remove a time-off period."""
    if not await availability_repository.delete_time_off(session, teacher_id, time_off_id):
        raise TimeOffNotFound()
    slot_service.mark_changed(session, teacher_id)
