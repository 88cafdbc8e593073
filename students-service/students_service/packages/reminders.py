"""Package reminders, once per crossing. A usable package (lessons left, not frozen) that comes
within N days of its last valid day publishes `package.expiring`; one whose lessons left fall to M
publishes `package.running_low`. A flag on the package row keeps each to one event until the
package crosses back (a freeze moves its end away, a correction gives lessons back), so a sweep
that runs again, a second replica, or a replayed lesson event sends nothing new."""

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import Database
from studio_kit.loops import run_until_stopped

from ..config import Settings
from ..database import outbox
from ..events.published import PackageExpiring, PackageRunningLow
from .models import Package

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderPolicy:
    expiry_days: int
    low_lessons: int


def reminder_policy(settings: Settings) -> ReminderPolicy:
    return ReminderPolicy(settings.students_package_expiry_reminder_days, settings.students_package_low_lessons)


def _frozen_on(package: Package, today: date) -> bool:
    return package.frozen_from is not None and package.frozen_until is not None and today < package.frozen_until


async def check_lessons_left(session: AsyncSession, package: Package, policy: ReminderPolicy) -> None:
    """After lessons are taken from (or given back to) a package: send or re-arm `package.running_low`."""
    left = package.lessons_total - package.lessons_used
    if left <= policy.low_lessons and not package.low_notified:
        package.low_notified = True
        await outbox.add(
            session,
            PackageRunningLow(
                student_id=package.student_id,
                package_id=package.id,
                lessons_left=left,
                lessons_total=package.lessons_total,
                valid_until=package.valid_until,
            ),
        )
    elif left > policy.low_lessons and package.low_notified:
        package.low_notified = False
    await session.flush()


async def sweep_expiring(session: AsyncSession, today: date, policy: ReminderPolicy) -> int:
    """One pass over the packages whose expiry state may have changed; returns the events sent.
    Rows are locked (SKIP LOCKED), so two replicas sweeping at once never send one twice."""
    horizon = today + timedelta(days=policy.expiry_days)
    query = (
        select(Package)
        .where(
            ((Package.valid_until <= horizon) & (Package.valid_until >= today) & ~Package.expiry_notified)
            | ((Package.valid_until > horizon) & Package.expiry_notified)
        )
        .order_by(Package.valid_until, Package.id)
        .with_for_update(skip_locked=True)
    )
    sent = 0
    for package in (await session.scalars(query)).all():
        if package.valid_until > horizon:
            package.expiry_notified = False  # crossed back: a freeze moved the end away
            continue
        if package.lessons_used >= package.lessons_total or _frozen_on(package, today):
            continue
        package.expiry_notified = True
        sent += 1
        await outbox.add(
            session,
            PackageExpiring(
                student_id=package.student_id,
                package_id=package.id,
                valid_until=package.valid_until,
                days_left=(package.valid_until - today).days,
                lessons_left=package.lessons_total - package.lessons_used,
            ),
        )
    await session.flush()
    return sent


async def sweep_once(database: Database, today: date, policy: ReminderPolicy) -> int:
    async with database.sessionmaker() as session, session.begin():
        return await sweep_expiring(session, today, policy)


async def run_expiry_sweeper(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: the expiry sweep every STUDENTS_PACKAGE_REMINDER_INTERVAL_SECONDS."""
    settings = app.state.settings
    policy = reminder_policy(settings)

    async def step() -> None:
        today = datetime.now(ZoneInfo(settings.students_studio_timezone)).date()
        await sweep_once(app.state.database, today, policy)

    await run_until_stopped(
        step,
        stop,
        interval=settings.students_package_reminder_interval_seconds,
        name="package expiry sweep",
        first_run=True,
        retry_on=(SQLAlchemyError, OSError),
    )
