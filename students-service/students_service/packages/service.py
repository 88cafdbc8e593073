"""Package rules: selling, freezing, and settling a lesson (package lesson first, else a charge)."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox
from ..events.published import PaymentRecorded
from ..leads import service as lead_service
from ..ledger import repository as ledger_repository
from ..ledger import service as ledger_service
from ..ledger.errors import IdempotencyKeyReused
from ..ledger.service import MoneyPolicy
from ..students.models import Student
from . import repository as package_repository
from .errors import InvalidFreezePeriod, InvalidValidity, PackageNotFound, PackageNotFreezable, PackageNotFrozen
from .models import Package, PackageUsage
from .reminders import ReminderPolicy, check_lessons_left
from .schemas import PackageCreate, PackageRead, PackageStatus


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def status_of(package: Package, today: date) -> PackageStatus:
    if package.lessons_used >= package.lessons_total:
        return "used_up"
    if package.frozen_from is not None and package.frozen_until is not None and today < package.frozen_until:
        return "frozen"
    if today > package.valid_until:
        return "expired"
    return "active"


def to_read(package: Package, today: date) -> PackageRead:
    return PackageRead(
        id=package.id,
        student_id=package.student_id,
        kind=package.kind,
        lessons_total=package.lessons_total,
        lessons_used=package.lessons_used,
        lessons_left=package.lessons_total - package.lessons_used,
        price_minor=package.price_minor,
        currency=package.currency,
        valid_from=package.valid_from,
        valid_until=package.valid_until,
        status=status_of(package, today),
        frozen_until=package.frozen_until if package.frozen_from is not None else None,
        created_at=package.created_at,
    )


async def list_packages(
    session: AsyncSession, student: Student, timezone: str, status: str | None = None
) -> list[PackageRead]:
    """The student's packages, oldest first, with their current status (only `status` when given:
    the status depends on today, so it is filtered here rather than in SQL)."""
    today = today_in(timezone)
    packages = [to_read(package, today) for package in await package_repository.list_packages(session, student.id)]
    return packages if status is None else [package for package in packages if package.status == status]


@dataclass(frozen=True)
class Sale:
    package: Package
    replayed: bool


async def replay_sale(session: AsyncSession, key: str | None, request_fingerprint: str) -> Package | None:
    if key is None:
        return None
    existing = await package_repository.get_package_by_key(session, key)
    if existing is not None and existing.request_fingerprint != request_fingerprint:
        raise IdempotencyKeyReused()
    return existing


async def sell_package(
    session: AsyncSession,
    student_id: uuid.UUID,
    data: PackageCreate,
    *,
    key: str | None,
    actor: str,
    policy: MoneyPolicy,
    timezone: str,
    label: str | None = None,
    request_fingerprint: str | None = None,
) -> Sale:
    """Sell a package: a `package_purchase` debit of its price, plus the payment when paid at once."""
    request_fingerprint = request_fingerprint or ledger_service.fingerprint(
        "package", student_id, data.model_dump(mode="json")
    )
    if (existing := await replay_sale(session, key, request_fingerprint)) is not None:
        return Sale(existing, replayed=True)
    student = await ledger_service.lock_student(session, student_id)
    if (existing := await replay_sale(session, key, request_fingerprint)) is not None:
        return Sale(existing, replayed=True)
    valid_from = data.valid_from or today_in(timezone)
    if data.valid_until < valid_from:
        raise InvalidValidity()
    package = Package(
        student_id=student.id,
        kind=data.kind,
        lessons_total=data.lessons,
        lessons_used=0,
        price_minor=data.price_minor,
        currency=policy.currency,
        valid_from=valid_from,
        valid_until=data.valid_until,
        idempotency_key=key,
        request_fingerprint=request_fingerprint,
        created_by=actor,
    )
    try:
        async with session.begin_nested():
            await package_repository.add_package(session, package)
    except IntegrityError:
        if (existing := await replay_sale(session, key, request_fingerprint)) is None:
            raise
        return Sale(existing, replayed=True)
    if data.price_minor > 0:
        label = f"{label or 'Package'}: {data.lessons} lessons ({data.kind}) valid until {data.valid_until.isoformat()}"
        purchase = {
            "kind": "package_purchase",
            "amount_minor": -data.price_minor,
            "package_id": package.id,
            "description": label,
            "created_by": actor,
        }
        if data.payment_method is None:
            await ledger_service.add_entries(session, student, policy, [purchase])
        else:
            # Paid on the spot: both entries land together, so no low-balance alert fires in between.
            payment, _ = await ledger_service.add_entries(
                session,
                student,
                policy,
                [
                    {
                        "kind": "payment",
                        "amount_minor": data.price_minor,
                        "method": data.payment_method,
                        "package_id": package.id,
                        "description": f"Payment ({data.payment_method}) for the package",
                        "created_by": actor,
                    },
                    purchase,
                ],
            )
            await lead_service.record_payment(session, student.id)
            await outbox.add(
                session,
                PaymentRecorded(
                    student_id=student.id,
                    entry_id=payment.id,
                    amount_minor=data.price_minor,
                    currency=policy.currency,
                    method=data.payment_method,
                    balance_minor=await ledger_repository.balance_of(session, student.id),
                ),
            )
    return Sale(package, replayed=False)


async def _locked_package(session: AsyncSession, package_id: uuid.UUID) -> Package:
    package = await package_repository.get_package(session, package_id)
    if package is None:
        raise PackageNotFound()
    # Freezing moves validity, so it serializes with lessons being taken from the package.
    await ledger_service.lock_student(session, package.student_id)
    await session.refresh(package)
    return package


async def freeze_package(session: AsyncSession, package_id: uuid.UUID, until: date, timezone: str) -> PackageRead:
    """Pause a package until a date; its validity grows by the frozen days."""
    today = today_in(timezone)
    package = await _locked_package(session, package_id)
    if status_of(package, today) != "active" or today < package.valid_from:
        raise PackageNotFreezable(f"The package is {status_of(package, today)}.")
    if until <= today:
        raise InvalidFreezePeriod()
    package.frozen_from = today
    package.frozen_until = until
    package.valid_until = package.valid_until + (until - today)
    await session.flush()
    return to_read(package, today)


async def unfreeze_package(session: AsyncSession, package_id: uuid.UUID, timezone: str) -> PackageRead:
    """End a freeze early; only the days actually frozen stay added to the validity."""
    today = today_in(timezone)
    package = await _locked_package(session, package_id)
    if status_of(package, today) != "frozen" or package.frozen_until is None:
        raise PackageNotFrozen()
    unused_days = (package.frozen_until - today).days
    package.valid_until = package.valid_until - timedelta(days=unused_days)
    package.frozen_from = None
    package.frozen_until = None
    await session.flush()
    return to_read(package, today)


Outcome = Literal["package", "charged", "free", "already_settled"]


async def settle_lesson(
    session: AsyncSession,
    *,
    student_id: uuid.UUID,
    lesson_id: uuid.UUID,
    lesson_kind: str,
    starts_at: datetime,
    amount_minor: int,
    late_cancel: bool,
    policy: MoneyPolicy,
    timezone: str,
    reminders: ReminderPolicy,
) -> Outcome:
    """Pay for one student's lesson exactly once: a package lesson if one is valid, else the price."""
    student = await ledger_service.lock_student(session, student_id)
    if await package_repository.get_usage(session, student_id, lesson_id) is not None:
        return "already_settled"
    if await ledger_service.has_lesson_charge(session, student_id, lesson_id):
        return "already_settled"
    lesson_date = starts_at.astimezone(ZoneInfo(timezone)).date()
    package = await package_repository.find_usable_package(session, student_id, lesson_kind, lesson_date)
    if package is not None:
        package.lessons_used += 1
        await check_lessons_left(session, package, reminders)
        await package_repository.add_usage(
            session,
            PackageUsage(
                package_id=package.id,
                student_id=student_id,
                lesson_id=lesson_id,
                reason="late_cancel" if late_cancel else "lesson_completed",
            ),
        )
        return "package"
    entry = await ledger_service.charge_lesson(
        session,
        student=student,
        lesson_id=lesson_id,
        lesson_date=lesson_date,
        lesson_kind=lesson_kind,
        amount_minor=amount_minor,
        late_cancel=late_cancel,
        policy=policy,
    )
    return "charged" if entry is not None else "free"
