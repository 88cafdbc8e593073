"""Money rules: append-only entries, idempotent recording, a derived balance, `balance.low`."""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox
from ..events.published import BalanceLow, PaymentRecorded
from ..leads import service as lead_service
from ..makeups import repository as makeup_repository
from ..makeups.schemas import CreditList
from ..students import repository as student_repository
from ..students.errors import StudentNotFound
from ..students.models import Student
from ..students.schemas import Money
from . import repository as ledger_repository
from .errors import IdempotencyKeyReused
from .models import LedgerEntry
from .schemas import AdjustmentCreate, EntryRead, LedgerRead, PaymentCreate, RefundCreate


@dataclass(frozen=True)
class MoneyPolicy:
    """The studio's money settings, passed in from configuration."""

    currency: str
    low_threshold_minor: int


@dataclass(frozen=True)
class Recorded:
    entry: LedgerEntry
    replayed: bool


def fingerprint(operation: str, student_id: uuid.UUID, body: dict[str, Any]) -> str:
    """What a request asked for, so a reused Idempotency-Key with another body is caught."""
    canonical = json.dumps({"op": operation, "student_id": str(student_id), "body": body}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def lock_student(session: AsyncSession, student_id: uuid.UUID) -> Student:
    student = await student_repository.lock_student(session, student_id)
    if student is None:
        raise StudentNotFound()
    return student


async def get_balance(session: AsyncSession, student: Student, currency: str) -> Money:
    """The balance alone: one SUM in the database instead of every entry (dashboards)."""
    return Money(amount_minor=await ledger_repository.balance_of(session, student.id), currency=currency)


async def get_ledger(session: AsyncSession, student: Student, currency: str) -> LedgerRead:
    """Every entry, newest first, and the balance they add up to."""
    entries = await ledger_repository.list_entries(session, student.id)
    balance = sum(entry.amount_minor for entry in entries)
    return LedgerRead(
        balance=Money(amount_minor=balance, currency=currency),
        entries=[EntryRead.model_validate(entry) for entry in entries],
        makeup_credits=CreditList.of(await makeup_repository.list_credits(session, student.id)),
    )


async def _replay(session: AsyncSession, key: str, request_fingerprint: str) -> LedgerEntry | None:
    existing = await ledger_repository.get_entry_by_key(session, key)
    if existing is None:
        return None
    if existing.request_fingerprint != request_fingerprint:
        raise IdempotencyKeyReused()
    return existing


async def add_entries(
    session: AsyncSession, student: Student, policy: MoneyPolicy, entries: list[dict[str, Any]]
) -> list[LedgerEntry]:
    """Append entries for a locked student, then re-check the low-balance alert once."""
    added = [
        await ledger_repository.add_entry(
            session, LedgerEntry(student_id=student.id, currency=policy.currency, **values)
        )
        for values in entries
    ]
    await _check_balance_low(session, student, policy)
    return added


async def add_entry(session: AsyncSession, student: Student, policy: MoneyPolicy, **values: Any) -> LedgerEntry:
    return (await add_entries(session, student, policy, [values]))[0]


async def _check_balance_low(session: AsyncSession, student: Student, policy: MoneyPolicy) -> int:
    # The flag lives on the locked student row, so the alert fires once per dip, not per charge.
    balance = await ledger_repository.balance_of(session, student.id)
    if balance < policy.low_threshold_minor and not student.balance_low:
        student.balance_low = True
        await outbox.add(
            session,
            BalanceLow(
                student_id=student.id,
                balance_minor=balance,
                threshold_minor=policy.low_threshold_minor,
                currency=policy.currency,
            ),
        )
    elif balance >= policy.low_threshold_minor and student.balance_low:
        student.balance_low = False
    await session.flush()
    return balance


async def record_keyed_entry(
    session: AsyncSession,
    student_id: uuid.UUID,
    policy: MoneyPolicy,
    *,
    key: str | None,
    request_fingerprint: str,
    **values: Any,
) -> Recorded:
    """Record one entry at most once per Idempotency-Key, even when retries race."""
    if key is not None and (existing := await _replay(session, key, request_fingerprint)) is not None:
        return Recorded(existing, replayed=True)
    student = await lock_student(session, student_id)
    if key is not None and (existing := await _replay(session, key, request_fingerprint)) is not None:
        return Recorded(existing, replayed=True)
    try:
        async with session.begin_nested():
            entry = await add_entry(
                session, student, policy, idempotency_key=key, request_fingerprint=request_fingerprint, **values
            )
    except IntegrityError:
        # The same key was just used for another student's request in a parallel transaction.
        if key is None or (existing := await _replay(session, key, request_fingerprint)) is None:
            raise
        return Recorded(existing, replayed=True)
    return Recorded(entry, replayed=False)


def _describe(base: str, comment: str | None) -> str:
    return f"{base}: {comment}" if comment else base


async def record_payment(
    session: AsyncSession, student_id: uuid.UUID, data: PaymentCreate, key: str, actor: str, policy: MoneyPolicy
) -> Recorded:
    """Record money received from a student and announce it."""
    recorded = await record_keyed_entry(
        session,
        student_id,
        policy,
        key=key,
        request_fingerprint=fingerprint("payment", student_id, data.model_dump(mode="json")),
        kind="payment",
        amount_minor=data.amount_minor,
        method=data.method,
        description=_describe(f"Payment ({data.method})", data.comment),
        created_by=actor,
    )
    if not recorded.replayed:
        await lead_service.record_payment(session, student_id)
        await outbox.add(
            session,
            PaymentRecorded(
                student_id=student_id,
                entry_id=recorded.entry.id,
                amount_minor=data.amount_minor,
                currency=policy.currency,
                method=data.method,
                balance_minor=await ledger_repository.balance_of(session, student_id),
            ),
        )
    return recorded


async def record_refund(
    session: AsyncSession,
    student_id: uuid.UUID,
    data: RefundCreate,
    key: str | None,
    actor: str,
    policy: MoneyPolicy,
) -> Recorded:
    """Record money returned to a student (lowers their balance)."""
    return await record_keyed_entry(
        session,
        student_id,
        policy,
        key=key,
        request_fingerprint=fingerprint("refund", student_id, data.model_dump(mode="json")),
        kind="refund",
        amount_minor=-data.amount_minor,
        method=data.method,
        description=_describe(f"Refund ({data.method})", data.comment),
        created_by=actor,
    )


async def record_adjustment(
    session: AsyncSession,
    student_id: uuid.UUID,
    data: AdjustmentCreate,
    key: str | None,
    actor: str,
    policy: MoneyPolicy,
) -> Recorded:
    """Correct the balance with an explained signed entry (entries are never edited)."""
    return await record_keyed_entry(
        session,
        student_id,
        policy,
        key=key,
        request_fingerprint=fingerprint("adjustment", student_id, data.model_dump(mode="json")),
        kind="adjustment",
        amount_minor=data.amount_minor,
        description=_describe("Adjustment", data.comment),
        created_by=actor,
    )


async def charge_lesson(
    session: AsyncSession,
    *,
    student: Student,
    lesson_id: uuid.UUID,
    lesson_date: date,
    lesson_kind: str,
    amount_minor: int,
    late_cancel: bool,
    policy: MoneyPolicy,
) -> LedgerEntry | None:
    """Charge the per-lesson price (the caller has locked the student and found no package)."""
    if amount_minor <= 0 or await ledger_repository.get_lesson_charge(session, student.id, lesson_id):
        return None
    description = (
        f"Late cancellation: {lesson_kind} lesson on {lesson_date.isoformat()}"
        if late_cancel
        else f"{lesson_kind.capitalize()} lesson on {lesson_date.isoformat()}"
    )
    return await add_entry(
        session,
        student,
        policy,
        kind="late_cancel_charge" if late_cancel else "lesson_charge",
        amount_minor=-amount_minor,
        lesson_id=lesson_id,
        description=description,
    )


async def has_lesson_charge(session: AsyncSession, student_id: uuid.UUID, lesson_id: uuid.UUID) -> bool:
    return await ledger_repository.get_lesson_charge(session, student_id, lesson_id) is not None


def policy_from(currency: str, low_threshold_minor: int) -> MoneyPolicy:
    return MoneyPolicy(currency=currency, low_threshold_minor=low_threshold_minor)
